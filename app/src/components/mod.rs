pub mod product_card;
