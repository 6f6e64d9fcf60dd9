//! The cart: product ids and quantities, kept in the `shop_cart` cookie so it survives page loads
//! and needs no account. Prices are never stored here: every page prices the cart from the
//! database (and checkout quotes it through the domain), so the browser cannot disagree.

pub const CART_COOKIE: &str = "shop_cart";
/// The bounds an order has (`contract::limits`): a cart the shop could not place is no cart.
pub use contract::limits::MAX_LINES;
/// Units per line, as the cart counts them.
pub const MAX_QUANTITY: i64 = contract::limits::MAX_QUANTITY as i64;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cart {
    /// (product id, quantity), in the order they were added; one line per product.
    lines: Vec<(i64, i64)>,
}

impl Cart {
    /// Reads the cookie value `3x2.7x1`; anything malformed is dropped rather than trusted.
    pub fn parse(raw: &str) -> Self {
        let mut cart = Self::default();
        for part in raw.split('.').take(MAX_LINES) {
            if let Some((id, qty)) = part.split_once('x')
                && let (Ok(id), Ok(qty)) = (id.parse::<i64>(), qty.parse::<i64>())
                && id > 0
            {
                cart.set(id, qty);
            }
        }
        cart
    }

    /// A cart from stored lines (the account's), with the same bounds as the cookie's.
    pub fn from_lines(lines: &[(i64, i64)]) -> Self {
        let mut cart = Self::default();
        for &(id, qty) in lines.iter().take(MAX_LINES) {
            cart.set(id, qty);
        }
        cart
    }

    pub fn to_cookie_value(&self) -> String {
        self.lines.iter().map(|(id, qty)| format!("{id}x{qty}")).collect::<Vec<_>>().join(".")
    }

    pub fn lines(&self) -> &[(i64, i64)] {
        &self.lines
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    pub fn units(&self) -> i64 {
        self.lines.iter().map(|(_, q)| q).sum()
    }

    /// Adds to a line (capped at the order limit); false when the cart has no room for a new line.
    pub fn add(&mut self, product_id: i64, quantity: i64) -> bool {
        let current = self.lines.iter().find(|(id, _)| *id == product_id).map_or(0, |(_, q)| *q);
        if current == 0 && self.lines.len() >= MAX_LINES {
            return false;
        }
        self.set(product_id, current + quantity);
        true
    }

    /// Sets a line's quantity (clamped to 1..=99); 0 or less removes it.
    pub fn set(&mut self, product_id: i64, quantity: i64) {
        if quantity <= 0 {
            self.lines.retain(|(id, _)| *id != product_id);
            return;
        }
        let quantity = quantity.min(MAX_QUANTITY);
        if let Some(line) = self.lines.iter_mut().find(|(id, _)| *id == product_id) {
            line.1 = quantity;
        } else if self.lines.len() < MAX_LINES {
            self.lines.push((product_id, quantity));
        }
    }
}

/// The browser's cart (the `shop_cart` cookie): a visitor's, or one not yet merged at sign-in.
#[cfg(feature = "ssr")]
pub fn cookie_cart() -> Cart {
    crate::request::request_cookie(CART_COOKIE).map(|v| Cart::parse(&v)).unwrap_or_default()
}

/// Stores a visitor's cart for 30 days (HttpOnly like the session: only the server reads it);
/// an empty cart clears the cookie.
#[cfg(feature = "ssr")]
pub fn write_cookie_cart(cart: &Cart) {
    let policy = crate::request::cookie_policy();
    let max_age = if cart.is_empty() { 0 } else { 30 * 24 * 3600 };
    crate::request::set_cookie(&policy.cookie(CART_COOKIE, &cart.to_cookie_value(), max_age));
}

#[cfg(test)]
mod tests {
    use super::Cart;

    #[test]
    fn the_cookie_round_trips_and_garbage_is_dropped() {
        let mut cart = Cart::default();
        assert!(cart.add(3, 2));
        assert!(cart.add(7, 1));
        assert!(cart.add(3, 1));
        assert_eq!(cart.to_cookie_value(), "3x3.7x1");
        assert_eq!(Cart::parse("3x3.7x1"), cart);
        assert_eq!(Cart::parse("3x3.junk.-1x2.9x0.8x500").lines(), &[(3, 3), (8, 99)]);
        cart.set(3, 0);
        assert_eq!(cart.lines(), &[(7, 1)]);
        assert_eq!(cart.units(), 1);
    }

    #[test]
    fn at_most_twenty_lines() {
        let mut cart = Cart::default();
        for id in 1..=20 {
            assert!(cart.add(id, 1));
        }
        assert!(!cart.add(21, 1));
        assert!(cart.add(5, 1), "an existing line can still grow");
    }
}
