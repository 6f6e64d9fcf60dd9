//! The cart's server functions: reading it priced from the database, adding, changing and
//! removing lines. The cart lives in the account (signed in) or in a cookie (`crate::cart`).
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::cart::{cookie_cart, write_cookie_cart};
use crate::error::ShopError;
#[cfg(feature = "ssr")]
use crate::i18n::{say, say_with};
#[cfg(feature = "ssr")]
use crate::model::CartLine;
use crate::model::CartView;
#[cfg(feature = "ssr")]
use domain::accounts::UserView;

/// The cart of this request, priced from the database.
#[cfg(feature = "ssr")]
pub async fn priced_cart(user: Option<&UserView>) -> Result<CartView, ShopError> {
    let mut cart = read_cart(user).await?;
    let ids: Vec<i64> = cart.lines().iter().map(|(pick, _)| pick.product_id).collect();
    let products = crate::session::facade().catalog().products_by_ids(&ids).await?;
    let mut lines = Vec::with_capacity(ids.len());
    let mut changed = false;
    for (pick, quantity) in cart.lines().to_vec() {
        let Some(p) = products.iter().find(|p| p.id == pick.product_id) else { continue };
        // What the line sells: the product, or its variant. A variant that is not the product's
        // (or a product that gained options since) leaves the cart.
        let sold = match pick.variant_id {
            None if !p.has_options() => Some((p.price, p.stock, p.status, None)),
            Some(v) => p.variant(v).map(|v| (v.price, v.stock, v.status, Some(v.label.clone()))),
            None => None,
        };
        let Some((price, stock, status, options_label)) = sold else {
            cart.set(pick, 0);
            changed = true;
            continue;
        };
        let on_sale =
            status == domain::status::ProductStatus::OnSale && p.status == domain::status::ProductStatus::OnSale;
        // More in the cart than is left: the cart takes what is left, and says so.
        let (quantity, problem) = if !on_sale {
            (quantity, Some(say("cart-problem-not-for-sale")))
        } else if stock <= 0 {
            (quantity, Some(say("stock-sold-out")))
        } else if stock < quantity {
            cart.set(pick, stock);
            changed = true;
            (stock, Some(say_with("cart-clamped", &[("count", stock.into())])))
        } else {
            (quantity, None)
        };
        lines.push(CartLine {
            product_id: p.id,
            variant_id: pick.variant_id,
            name: p.name.clone(),
            options_label,
            picture: p.images.first().map(|i| i.thumbnail_url.clone()),
            unit_price: price,
            quantity,
            line_total: price * quantity,
            problem,
        });
    }
    if changed {
        write_cart(user, &cart).await?;
    }
    let subtotal = lines.iter().map(|l| l.line_total).sum();
    Ok(CartView { lines, subtotal })
}

/// The cart of `user` (signed in: the account's, which follows them to another browser), or of
/// a visitor (the browser's cookie). Callers look the session up once and pass it here and to
/// [`write_cart`].
#[cfg(feature = "ssr")]
pub async fn read_cart(user: Option<&UserView>) -> Result<crate::cart::Cart, ShopError> {
    match user {
        Some(user) => Ok(crate::cart::Cart::from_lines(&crate::session::facade().orders().cart_of(user.id).await?)),
        None => Ok(cookie_cart()),
    }
}

/// Keeps the cart where [`read_cart`] finds it.
#[cfg(feature = "ssr")]
pub async fn write_cart(user: Option<&UserView>, cart: &crate::cart::Cart) -> Result<(), ShopError> {
    match user {
        Some(user) => crate::session::facade().orders().save_cart(user.id, cart.lines()).await?,
        None => write_cookie_cart(cart),
    }
    Ok(())
}

#[server(endpoint = "cart")]
pub async fn cart() -> Result<CartView, ShopError> {
    priced_cart(crate::session::current_user().await?.as_ref()).await
}

/// Adds units of a product - for a product with options, of the variant its option values
/// (`opt0`..`opt2`, in the options' order: what the product page's picker posts) name; refuses
/// what is not for sale or sold out, and takes no more than is left (saying so).
#[server(endpoint = "add_to_cart")]
pub async fn add_to_cart(
    product_id: i64,
    quantity: i64,
    opt0: Option<String>,
    opt1: Option<String>,
    opt2: Option<String>,
) -> Result<CartAdded, ShopError> {
    use crate::error::ErrorCode;
    use domain::status::ProductStatus;
    if !(1..=crate::cart::MAX_QUANTITY).contains(&quantity) {
        return Err(ShopError::new(ErrorCode::ValidationError, say("cart-error-quantity")));
    }
    let product = crate::session::facade().catalog().product(product_id).await?;
    if product.status != ProductStatus::OnSale {
        return Err(ShopError::new(ErrorCode::InvalidProduct, say("cart-problem-not-for-sale")));
    }
    let (variant_id, stock) = if product.has_options() {
        let chosen = [opt0, opt1, opt2];
        let mut values = Vec::with_capacity(product.options.len());
        for (o, value) in product.options.iter().zip(chosen) {
            match value.filter(|v| !v.is_empty()) {
                Some(v) => values.push((o.name.clone(), v)),
                None => {
                    let message = say_with("cart-error-choose-option", &[("option", o.name.as_str().into())]);
                    return Err(ShopError::new(ErrorCode::ValidationError, message));
                }
            }
        }
        let variant =
            product.variants.iter().find(|v| values.iter().all(|(name, value)| v.options.get(name) == Some(value)));
        match variant {
            Some(v) if v.status == ProductStatus::OnSale => (Some(v.id), v.stock),
            _ => return Err(ShopError::new(ErrorCode::InvalidProduct, say("error-variant-not-for-sale"))),
        }
    } else {
        (None, product.stock)
    };
    let pick = domain::Pick { product_id, variant_id };
    let user = crate::session::current_user().await?;
    let mut cart = read_cart(user.as_ref()).await?;
    let in_cart = cart.quantity_of(pick);
    let left = stock - in_cart;
    if left <= 0 {
        let message = if in_cart > 0 { say("cart-error-all-in-cart") } else { say("cart-error-sold-out") };
        return Err(ShopError::new(ErrorCode::OutOfStock, message));
    }
    let taken = quantity.min(left);
    if !cart.add(pick, taken) {
        return Err(ShopError::new(ErrorCode::ValidationError, say("cart-error-too-many-lines")));
    }
    write_cart(user.as_ref(), &cart).await?;
    let note = (taken < quantity).then(|| say_with("cart-clamped", &[("count", (in_cart + taken).into())]));
    Ok(CartAdded { units: cart.units(), note })
}

/// What adding to the cart did: the cart's units, and a note when it took fewer than asked.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CartAdded {
    pub units: i64,
    pub note: Option<String>,
}

#[server(endpoint = "update_cart")]
pub async fn update_cart(product_id: i64, variant_id: Option<i64>, quantity: i64) -> Result<(), ShopError> {
    if !(0..=crate::cart::MAX_QUANTITY).contains(&quantity) {
        return Err(ShopError::new(crate::error::ErrorCode::ValidationError, say("cart-error-quantity-or-remove")));
    }
    let user = crate::session::current_user().await?;
    let mut cart = read_cart(user.as_ref()).await?;
    cart.set(domain::Pick { product_id, variant_id }, quantity);
    write_cart(user.as_ref(), &cart).await?;
    Ok(())
}

#[server(endpoint = "remove_from_cart")]
pub async fn remove_from_cart(product_id: i64, variant_id: Option<i64>) -> Result<(), ShopError> {
    let user = crate::session::current_user().await?;
    let mut cart = read_cart(user.as_ref()).await?;
    cart.set(domain::Pick { product_id, variant_id }, 0);
    write_cart(user.as_ref(), &cart).await?;
    Ok(())
}
