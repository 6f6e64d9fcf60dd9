//! Shared by the test files of this crate: the fixtures of `domain::testing` and its
//! `on_both_databases!`.
#![allow(unused_imports)]

pub use domain::on_both_databases;
pub use domain::testing::*;
