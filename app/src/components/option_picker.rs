//! The product page's option picker: one group of buttons per option (radio buttons, so a
//! screen reader hears the option's name and each value, and the form posts the choice without
//! JavaScript). Values that cannot be bought - sold out or stopped, given what is chosen before
//! them - are disabled and marked 품절; choosing an earlier option clears a later choice it
//! makes impossible.
use leptos::prelude::*;

use crate::i18n::t;
use crate::model::ProductCard;

/// What the shopper has chosen so far: one value (or none) per option.
#[derive(Clone, Copy)]
pub struct Chosen(pub RwSignal<Vec<Option<String>>>);

impl Chosen {
    pub fn new(options: usize) -> Self {
        Self(RwSignal::new(vec![None; options]))
    }
}

#[component]
pub fn OptionPicker(product: ProductCard, chosen: Chosen) -> impl IntoView {
    let product = StoredValue::new(product);
    let groups = product.with_value(|p| p.options.clone());
    groups
        .into_iter()
        .enumerate()
        .map(|(index, group)| {
            // The legend names the group for screen readers (a fieldset's own label).
            view! {
                <fieldset class="option-group" data-option=group.name.clone()>
                    <legend>{group.name.clone()} <span class="required-mark">{t("option-required")}</span></legend>
                    <div class="option-values">
                        {group.values.into_iter().map(|value| {
                            let value = StoredValue::new(value);
                            let available = Signal::derive(move || {
                                chosen.0.with(|c| product.with_value(|p| value.with_value(|v| p.value_available(index, v, c))))
                            });
                            let checked = move || chosen.0.with(|c| c.get(index).cloned().flatten() == Some(value.get_value()));
                            let choose = move |_| {
                                chosen.0.update(|c| {
                                    c[index] = Some(value.get_value());
                                    // A later choice this one makes impossible is cleared.
                                    for later in index + 1..c.len() {
                                        if let Some(v) = c[later].clone()
                                            && !product.with_value(|p| p.value_available(later, &v, c))
                                        {
                                            c[later] = None;
                                        }
                                    }
                                });
                            };
                            view! {
                                <label class="option-chip" class:unavailable=move || !available.get()>
                                    <input type="radio" name=format!("opt{index}") value=value.get_value() required
                                        disabled=move || !available.get() prop:checked=checked on:change=choose/>
                                    <span class="option-value">
                                        <span class="value-text">{value.get_value()}</span>
                                        {move || (!available.get()).then(|| view! { <span class="sold-out-mark">{format!(" ({})", t("stock-sold-out"))}</span> })}
                                    </span>
                                </label>
                            }
                        }).collect_view()}
                    </div>
                </fieldset>
            }
        })
        .collect_view()
}
