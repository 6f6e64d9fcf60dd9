pub mod countdown;
pub mod notice;
pub mod pager;
pub mod product_card;
pub mod site_header;
