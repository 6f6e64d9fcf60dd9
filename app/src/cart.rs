//! The cart: product ids and quantities, kept in the `shop_cart` cookie so it survives page loads
//! and needs no account. Prices are never stored here: every page prices the cart from the
//! database (and checkout quotes it through the domain), so the browser cannot disagree.

use contract::Pick;

pub const CART_COOKIE: &str = "shop_cart";
/// The bounds an order has (`contract::limits`): a cart the shop could not place is no cart.
pub use contract::limits::MAX_LINES;
/// Units per line, as the cart counts them.
pub const MAX_QUANTITY: i64 = contract::limits::MAX_QUANTITY as i64;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cart {
    /// (pick, quantity), in the order they were added; one line per product, or per variant of
    /// a product with options.
    lines: Vec<(Pick, i64)>,
}

impl Cart {
    /// Reads the cookie value `3x2.7:5x1` (product 3, two; variant 5 of product 7, one); anything
    /// malformed is dropped rather than trusted.
    pub fn parse(raw: &str) -> Self {
        let mut cart = Self::default();
        for part in raw.split('.').take(MAX_LINES) {
            if let Some((pick, qty)) = part.split_once('x')
                && let (Some(pick), Ok(qty)) = (Pick::read(pick), qty.parse::<i64>())
            {
                cart.set(pick, qty);
            }
        }
        cart
    }

    /// A cart from stored lines (the account's), with the same bounds as the cookie's.
    pub fn from_lines(lines: &[(Pick, i64)]) -> Self {
        let mut cart = Self::default();
        for &(pick, qty) in lines.iter().take(MAX_LINES) {
            cart.set(pick, qty);
        }
        cart
    }

    pub fn to_cookie_value(&self) -> String {
        self.lines.iter().map(|(pick, qty)| format!("{}x{qty}", pick.write())).collect::<Vec<_>>().join(".")
    }

    pub fn lines(&self) -> &[(Pick, i64)] {
        &self.lines
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    pub fn units(&self) -> i64 {
        self.lines.iter().map(|(_, q)| q).sum()
    }

    /// Units of `pick` in the cart.
    pub fn quantity_of(&self, pick: Pick) -> i64 {
        self.lines.iter().find(|(p, _)| *p == pick).map_or(0, |(_, q)| *q)
    }

    /// Adds to a line (capped at the order limit); false when the cart has no room for a new line.
    pub fn add(&mut self, pick: Pick, quantity: i64) -> bool {
        let current = self.quantity_of(pick);
        if current == 0 && self.lines.len() >= MAX_LINES {
            return false;
        }
        self.set(pick, current + quantity);
        true
    }

    /// Sets a line's quantity (clamped to 1..=99); 0 or less removes it.
    pub fn set(&mut self, pick: Pick, quantity: i64) {
        if quantity <= 0 {
            self.lines.retain(|(p, _)| *p != pick);
            return;
        }
        let quantity = quantity.min(MAX_QUANTITY);
        if let Some(line) = self.lines.iter_mut().find(|(p, _)| *p == pick) {
            line.1 = quantity;
        } else if self.lines.len() < MAX_LINES {
            self.lines.push((pick, quantity));
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
    use contract::Pick;

    use super::Cart;

    fn p(id: i64) -> Pick {
        Pick::product(id)
    }

    #[test]
    fn the_cookie_round_trips_and_garbage_is_dropped() {
        let mut cart = Cart::default();
        let black = Pick { product_id: 7, variant_id: Some(5) };
        assert!(cart.add(p(3), 2));
        assert!(cart.add(black, 1));
        assert!(cart.add(p(3), 1));
        assert_eq!(cart.to_cookie_value(), "3x3.7:5x1");
        assert_eq!(Cart::parse("3x3.7:5x1"), cart);
        assert_eq!(Cart::parse("3x3.junk.-1x2.9x0.7:0x1.8x500").lines(), &[(p(3), 3), (p(8), 99)]);
        cart.set(p(3), 0);
        assert_eq!(cart.lines(), &[(black, 1)]);
        assert_eq!(cart.units(), 1);
    }

    #[test]
    fn at_most_twenty_lines() {
        let mut cart = Cart::default();
        for id in 1..=20 {
            assert!(cart.add(p(id), 1));
        }
        assert!(!cart.add(p(21), 1));
        assert!(cart.add(p(5), 1), "an existing line can still grow");
    }
}
