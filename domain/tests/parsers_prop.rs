//! Property tests of every parser at the edge: any input either parses into a value that keeps
//! its promises or is refused with a validation error - never a panic.
use domain::Field;
use domain::catalog::{NewProduct, ProductPatch};
use domain::coupons::NewCoupon;
use domain::coupons::{CouponKind, discount};
use domain::types::{Email, IdempotencyKey, Money, OrderLines, Password, clean_text};
use proptest::prelude::*;

fn kind() -> impl Strategy<Value = CouponKind> {
    prop_oneof![Just(CouponKind::Fixed), Just(CouponKind::Percent)]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    #[test]
    fn emails_are_normalised_or_refused(raw in ".{0,300}") {
        if let Ok(e) = Email::parse(&raw) {
            let s = e.as_str();
            prop_assert!(s.len() <= 254 && s.contains('@'));
            prop_assert!(!s.chars().any(|c| c.is_whitespace() || c.is_control()));
            prop_assert_eq!(s.to_lowercase(), s);
        }
    }

    #[test]
    fn passwords_are_8_to_128_characters(raw in ".{0,200}") {
        let n = raw.chars().count();
        prop_assert_eq!(Password::parse(&raw).is_ok(), (8..=128).contains(&n));
    }

    #[test]
    fn text_is_trimmed_bounded_and_free_of_control_characters(raw in "(?s).{0,300}", multiline: bool) {
        if let Ok(t) = clean_text(Field::Name, &raw, 200, multiline) {
            prop_assert!(t.chars().count() <= 200);
            prop_assert!(t.chars().all(|c| !c.is_control() || (multiline && matches!(c, '\n' | '\r' | '\t'))));
            prop_assert_eq!(t.trim(), t.as_str());
        }
    }

    #[test]
    fn idempotency_keys_are_short_visible_ascii(raw in "(?s).{0,100}") {
        if let Ok(k) = IdempotencyKey::parse(&raw) {
            prop_assert!((1..=64).contains(&k.as_str().len()));
            prop_assert!(k.as_str().bytes().all(|b| b.is_ascii_graphic()));
        }
    }

    #[test]
    fn order_lines_keep_their_bounds(raw in prop::collection::vec((any::<i64>(), -5_i64..120), 0..30)) {
        if let Ok(lines) = OrderLines::parse(raw.iter().copied()) {
            let l = lines.lines();
            prop_assert!(!l.is_empty() && l.len() <= 20);
            prop_assert!(l.iter().all(|x| x.product_id > 0 && (1..=99).contains(&x.quantity)));
            prop_assert!(l.windows(2).all(|w| w[0].product_id < w[1].product_id), "sorted, one line per product");
            let asked: i64 = raw.iter().map(|(_, q)| q).sum();
            let merged: i64 = l.iter().map(|x| i64::from(x.quantity)).sum();
            prop_assert_eq!(asked, merged, "merging keeps every unit");
        }
    }

    #[test]
    fn money_is_never_negative_or_absurd(v in any::<i64>()) {
        if let Ok(m) = Money::parse(Field::Price, v) {
            prop_assert!((0..=1_000_000_000_000).contains(&m.get()));
        }
    }

    #[test]
    fn discounts_stay_within_the_subtotal(k in kind(), value in 1_i64..2_000_000, cap in proptest::option::of(0_i64..1_000_000), subtotal in 0_i64..1_000_000_000_000) {
        let d = discount(k, value, cap, subtotal);
        prop_assert!((0..=subtotal).contains(&d));
        if let Some(cap) = cap { prop_assert!(d <= cap); }
    }

    #[test]
    fn products_and_coupons_parse_or_refuse(
        name in "(?s).{0,250}", description in proptest::option::of("(?s).{0,100}"),
        price in any::<i64>(), stock in any::<i64>(), status in proptest::option::of("[a-z_]{0,10}"),
        k in kind(), value in any::<i64>(), cap in proptest::option::of(any::<i64>()),
        min in proptest::option::of(any::<i64>()), quantity in proptest::option::of(any::<i64>()),
    ) {
        if NewProduct::parse(&name, description.as_deref(), price, stock, status.as_deref()).is_ok() {
            prop_assert!(price >= 0 && stock >= 0);
        }
        let _ = ProductPatch::parse(Some(&name), Some(price), Some(stock), status.as_deref());
        if NewCoupon::parse(&name, k, value, cap, min, None, None, quantity).is_ok() {
            prop_assert!(value >= 1 && quantity.is_none_or(|q| q >= 1));
        }
    }
}
