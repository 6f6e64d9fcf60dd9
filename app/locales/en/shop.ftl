# The storefront in English. Keys are shared with ../ko/shop.ftl; a test checks both files have
# the same keys and that every key the code uses exists.

## The shop itself
shop-name = Namu Shop
shop-description = Namu Shop: wooden kitchenware and everyday goods, delivered across Korea.
skip-to-content = Skip to content
loading = Loading…
browse-catalog = Browse the catalog
back-to-catalog = Back to the catalog

## Formats (chrono), in the shop's time zone
format-datetime = %b %-d, %Y, %H:%M %Z
format-date = %b %-d, %Y
format-time = %H:%M %Z

## Header
nav-main = Main
nav-catalog = Catalog
nav-cart = Cart
nav-cart-count = Cart ({ $count })
nav-admin = Admin
nav-my-orders = My orders
nav-my-coupons = My coupons
nav-sign-in = Sign in
nav-sign-out = Sign out
nav-language = Language

## Stock
stock-sold-out = Sold out
stock-only-left = Only { $count } left
stock-in-stock = In stock
stock-not-on-sale = Not on sale
price-from = from { $price }
option-choose-prompt = Choose the options to see the stock
option-required = (required)
card-choose-options = Choose options

## Catalog
catalog-title = Catalog
catalog-empty = No products yet.
catalog-products = Products
card-details = Details
card-hide-details = Hide details
pager-label = Pages
pager-previous = ← Previous
pager-next = Next →
pager-page-of = Page { $page } of { $pages }

## Product
product-not-found = Product not found
product-add-to-cart = Add to cart
product-adding = Adding…
product-added = Added to your cart.
product-view-cart = View cart

## Table columns
col-product = Product
col-price = Price
col-quantity = Quantity
col-total = Total
col-order = Order
col-placed = Placed
col-items = Items
col-status = Status

## Amounts
amount-subtotal = Subtotal
amount-discount = Discount
amount-total = Total

## Cart
cart-title = Your cart
cart-empty = Your cart is empty.
cart-caption = Products in your cart
cart-quantity-of = Quantity of { $name }
cart-update = Update
cart-remove = Remove
cart-go-to-checkout = Go to checkout
cart-problem-not-for-sale = No longer for sale
cart-error-quantity = Choose between 1 and 99.
cart-error-quantity-or-remove = Choose between 1 and 99, or remove the line.
cart-error-all-in-cart = You already have all the units we have in your cart.
cart-error-sold-out = Sorry, this product is sold out.
cart-error-choose-option = Please choose { $option } first.
cart-error-only-more = { $count ->
    [one] Sorry, only 1 more can be added.
   *[other] Sorry, only { $count } more can be added.
}
cart-error-too-many-lines = A cart holds at most 20 different products.

## Checkout
checkout-title = Checkout
checkout-items = Items
checkout-line-out-of-stock = Not enough stock left for this item.
checkout-change-cart = Change the cart
checkout-coupon = Coupon
checkout-choose-coupon = Choose a coupon
checkout-no-coupon = No coupon
checkout-coupon-unusable = Can't be used: { $reason }
checkout-apply-coupon = Apply coupon
checkout-payment-amount = Total
checkout-place-order = Place order
checkout-placing = Placing order…

## Orders
orders-title = My orders
orders-empty = No orders yet.
orders-caption = Your orders, newest first
orders-count = { $count ->
    [one] 1 order
   *[other] { $count } orders
}
units-count = { $count ->
    [one] 1 item
   *[other] { $count } items
}
order-number = Order #{ $id }
order-title = Order #{ $id }
order-not-found = Order not found
order-status = Status:
order-placed-at = Placed { $at }
order-paid-at = paid { $at }
order-closed-at = closed { $at }
order-caption = Items in this order
order-coupon = Coupon:
order-cancel = Cancel order
status-pending-payment = Awaiting payment
status-paid = Paid
status-expired = Expired
status-cancelled = Cancelled
status-refunded = Refunded

## Payment
countdown-pay-by = Pay by { $time }
countdown-left = { $left } left to pay (by { $time })
countdown-up = The time to pay is up
pay-card-number = Card number
pay-test-mode = Test mode: no real card is charged and nothing of your card is stored. Leave the number empty to pay with the test card; 4000 0000 0000 0002 is declined.
pay-submit = Pay
pay-paying = Paying…
pay-error-card-too-long = A card number has at most 32 characters.

## Coupons
coupons-title = My coupons
coupons-held = Your coupons
coupons-none = You have no coupons yet.
coupons-to-claim = Coupons to claim
coupons-none-to-claim = No coupons to claim right now.
coupons-valid-until = valid until { $day }
coupons-left = { $count } left
coupons-claim = Claim
coupon-status-available = Available
coupon-status-reserved = Held by an order awaiting payment
coupon-status-used = Used
coupon-status-expired = Expired
coupon-reason-not-yours = it is not one of your coupons
coupon-reason-used = it was already used
coupon-reason-reserved = it is held by another order awaiting payment
coupon-reason-expired = it has expired
coupon-reason-not-yet-valid = it is not valid yet
coupon-reason-min-order = the order does not reach its minimum amount

## Accounts
signin-title = Sign in
signin-submit = Sign in
signin-pending = Signing in…
signin-new-here = New here?
signin-demo-hint = Demo shopper:
signin-prompt = Please sign in to see this page.
signin-wrong = Wrong email or password.
signup-title = Create an account
signup-submit = Create account
signup-pending = Creating…
signup-have-account = Already have an account?
field-email = Email
field-password = Password
field-new-password = Password (at least 8 characters)
field-name-optional = Name (optional)

## Not found
not-found-title = Page not found
not-found-text = The page you were looking for does not exist or has moved.

## Errors
error-title = Something went wrong
error-unavailable = The shop could not be reached. Check your connection and try again.
error-form-invalid = Some of the form's fields are missing or invalid.
error-internal = Something went wrong on our side. Please try again.
error-unauthorized = Please sign in first.
error-forbidden = This page is for shop staff only.
error-not-found = We could not find that.
error-out-of-stock = Sorry, there is not enough stock left of this product.
error-invalid-product = This product is no longer for sale.
error-variant-out-of-stock = Sorry, there is not enough stock left of the option you chose.
error-variant-required = Please choose an option first.
error-variant-not-for-sale = The option you chose is no longer for sale.
error-invalid-coupon = This coupon can't be used: { $reason }.
error-order-not-payable = This order can no longer be paid: it was paid, cancelled or has expired.
error-order-not-cancellable = Only orders awaiting payment can be cancelled.
error-payment-declined = Your card was declined. Nothing was charged; try another card.
error-payment-unconfirmed = We could not confirm your payment just now. If money was taken, the order will be paid or the money returned automatically within a few minutes; paying again will not charge twice.
error-idempotency-conflict = This checkout was already used for a different cart. Reload the page.
error-rate-limited = Too many failed sign-ins. Please wait a few minutes and try again.
error-rate-limited-sign-up = Too many accounts were made from this network just now. Please try again in a minute.
error-rate-limited-placing = Too many orders in a short time. Please try again in a minute.
error-email-taken = This email is already registered. Sign in instead?
error-campaign-ended = This coupon campaign has ended.
error-campaign-exhausted = All coupons of this campaign have been claimed.
error-coupon-claimed = You have already claimed this coupon.
error-invalid-email = Please enter a valid email address.
error-invalid-password = A password needs at least 8 characters.

## Order page: confirmation, outcome, payment, cancel
order-thanks = Thank you for your order!
order-thanks-pay-by = Please pay by { $time } to keep your items; unpaid orders are cancelled then and the items go back on sale.
order-next-paid = Payment received. We are preparing your order for shipping.
order-next-expired = The time to pay ran out, so this order was cancelled and nothing was charged. The items went back on sale and your coupon, if you used one, is yours again.
order-next-cancelled = This order was cancelled and nothing was charged. Any coupon you used is yours again.
order-next-refunded = This order was refunded. The amount goes back to your card in a few business days.
pay-heading = Payment
pay-card-expiry = Expiry (MM/YY)
pay-card-cvc = CVC
pay-card-name = Name on card
pay-error-expiry = Enter the card's expiry as MM/YY.
pay-error-cvc = Enter the 3 or 4 digits of the card's security code.
pay-error-name = A name on a card has at most 100 characters.
order-cancel-question = Cancel this order? The items go back on sale and any coupon you used is returned.
order-cancel-confirm = Yes, cancel this order

## Catalog: search, categories, order
catalog-results-for = Results for “{ $q }”
catalog-count = { $count ->
    [one] 1 product
   *[other] { $count } products
}
catalog-no-match = No product matches your search. Try other words or another category.
catalog-search = Search
catalog-search-placeholder = Product name or description
catalog-search-submit = Search
catalog-sort = Sort by
catalog-categories = Categories
catalog-all = All products
sort-newest = Newest
sort-price-asc = Price: low to high
sort-price-desc = Price: high to low
sort-name = Name
cart-clamped = { $count ->
    [one] Only 1 left - we set your quantity to 1.
   *[other] Only { $count } left - we set your quantity to { $count }.
}

## Shipping (checkout and order page)
ship-heading = Shipping address
ship-recipient = Recipient
ship-phone = Phone
ship-postal-code = Postal code
ship-postal-hint = 5 digits, e.g. 06236
ship-address1 = Address
ship-address2 = Building, floor, unit (optional)
error-ship-recipient = Please enter who receives the parcel (up to 100 characters).
error-ship-phone = Please enter a phone number the courier can call, e.g. 010-1234-5678.
error-ship-postal-code = A postal code is 5 digits, e.g. 06236.
error-ship-address1 = Please enter the street address (up to 100 characters).
error-ship-address2 = The building, floor and unit take up to 100 characters.
nav-menu = Menu
error-order-not-refundable = Only paid orders can be refunded (this one may have been refunded already).
error-refund-declined = The payment provider refused the refund: { $reason }. The order stays paid.

## What the form fields are called when a refusal names one (app/src/refusals.rs)
error-campaign-over = This coupon campaign is already over.
error-category-slug-taken = A category with this address (slug) already exists.
error-stock-changed = The stock changed meanwhile. Reload the page and try again.
error-images-changed = The pictures changed meanwhile. Reload the page and try again.
error-variant-exists = This product already has a variant with these options.
error-sku-taken = This SKU is already used by another product.
field-name = Name
field-description = Description
field-price = Price
field-stock = Stock
field-status = Status
field-category = Category
field-slug = Address (slug)
field-alt = Picture description
field-file = Picture file
field-q = Search words
field-sort = Order
field-page = Page
field-per-page = Items per page
field-items = Order lines
field-quantity = Quantity
field-product = Product
field-ids = Selected products
field-action = Action
field-delta = Stock change
field-options = Options
field-variants = Variants
field-variant = Option
field-sku = SKU
field-reason = Reason
field-value = Discount
field-max-discount = Maximum discount
field-min-order-amount = Minimum order amount
field-valid-until = Valid until
field-user = Shopper
field-coupon = Coupon
field-card-number = Card number
field-note = Note
field-idempotency-key = Request key
field-ship-recipient = Recipient
field-ship-phone = Phone
field-ship-postal-code = Postal code
field-ship-address1 = Address
field-ship-address2 = Address details
field-body = Form
field-query = Search conditions
