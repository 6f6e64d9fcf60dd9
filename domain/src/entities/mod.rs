//! SeaORM entities, one per table. They never leave the server: the UI and the API map them into
//! their own view types.
pub mod cart_item;
pub mod category;
pub mod coupon;
pub mod media;
pub mod order;
pub mod order_event;
pub mod order_item;
pub mod payment_attempt;
pub mod product;
pub mod product_image;
pub mod product_variant;
pub mod session;
pub mod sign_in_failure;
pub mod stock_adjustment;
pub mod test_gateway_charge;
pub mod user;
pub mod user_coupon;
pub mod worker_sweep;
