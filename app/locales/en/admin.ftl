# The admin console in English (keys shared with ../ko/admin.ftl).

admin-staff-only = Staff only
admin-dashboard = Dashboard
admin-orders = Orders
admin-products = Products
admin-coupons = Coupons
admin-cancelled-by-shopper = Cancelled by shopper
admin-today = Today
admin-paid-today = Paid today
admin-expiry = Expiry
admin-awaiting-expiry = { $count ->
    [0] No order is awaiting payment.
    [one] 1 order is awaiting payment, with its expiry scheduled.
   *[other] { $count } orders are awaiting payment, each with its expiry scheduled.
}
admin-expiry-healthy = All unpaid orders are expiring on time.
admin-expiry-overdue = { $count ->
    [one] 1 order is past its deadline and not yet cancelled: is a worker running?
   *[other] { $count } orders are past their deadline and not yet cancelled: is a worker running?
}
admin-last-sweep = Last sweep { $ago }s ago, expired { $count }.
admin-no-sweep = No sweep has run yet: is a worker running?
admin-no-worker = No worker swept in the last 5 minutes.
admin-workers = Workers sweeping
admin-worker-swept = { $host }: last swept { $ago } s ago
admin-none-near-expiry = No order is about to expire.
admin-low-stock = Low stock
admin-no-low-stock = Every product on sale has stock.
admin-error-date = The { $field } date must look like 2026-11-27.
admin-time-left = { $left } left
admin-overdue = overdue
admin-status-any = Any
admin-status-cancelled-any = Cancelled (any)
admin-search-label = Order id or shopper email
admin-placed-from = Placed from
admin-placed-to = to
admin-filter = Filter
admin-orders-per-state = Orders per state
admin-matching-orders = { $count ->
    [one] 1 matching order
   *[other] { $count } matching orders
}
admin-col-shopper = Shopper
admin-placed-due = Placed { $placed } · payment due { $due }
admin-lines-caption = Lines, at the prices of the moment the order was placed
admin-col-unit-price = Unit price (snapshot)
admin-issued-coupon = Coupon: issued coupon #{ $id }
admin-timeline = Timeline
event-expired = Expired
admin-new-product = New product
admin-field-name = Name
admin-field-price = Price (₩)
admin-field-stock = Stock
admin-field-description = Description
admin-create-product = Create product
admin-stock-of = stock { $count }
admin-on-sale = On sale
admin-save = Save
admin-stock-change = Stock change (+/−)
admin-reason = Reason
admin-reason-placeholder = delivery, breakage, count…
admin-adjust-stock = Adjust stock
admin-terms-percent = { $value }% off
admin-terms-fixed = { $amount } off
admin-terms-cap = , up to { $amount }
admin-terms-min = , orders from { $amount }
admin-window = { $from } to { $until }
admin-window-open = from { $from }
admin-issued-of = { $count } of { $quantity } issued
admin-issued-unlimited = { $count } issued (no limit)
admin-error-number = { $field } must be a whole number.
admin-error-kind = Choose a fixed or a percent discount.
admin-field-cap = The cap
admin-field-min-order = The minimum order
admin-field-quantity = The quantity
admin-error-no-shopper = No shopper has that email.
admin-new-campaign = New campaign
admin-field-kind = Kind
admin-kind-fixed = Fixed amount (₩)
admin-kind-percent = Percent
admin-field-value = Value
admin-field-cap-hint = Cap (₩, percent only)
admin-field-min-order-hint = Minimum order (₩)
admin-field-from-hint = Valid from (empty: now)
admin-field-until-hint = Valid until (empty: no end)
admin-field-quantity-hint = Quantity (empty: no limit)
admin-create-campaign = Create campaign
admin-campaigns-caption = Coupon campaigns, newest first
admin-col-campaign = Campaign
admin-col-issued = Issued
admin-col-coupon-counts = Available / reserved / used
admin-col-issue-to = Issue to a shopper
admin-issue-email-for = Shopper email for { $name }
admin-issue = Issue

## Order detail: sentences and actions
event-placed = { $who } placed the order: { $count ->
    [one] 1 item
   *[other] { $count } items
} for { $total }; the stock is set aside.
event-expiry-scheduled = If it is not paid, it is cancelled automatically at { $time }.
event-expiry-enqueue-failed = Automatic cancellation could not be scheduled; the regular sweep will cancel it if it stays unpaid.
event-paid = Paid { $total }.
event-coupon-reserved = The shopper's coupon is held for this order.
event-coupon-used = The coupon was used.
event-cancelled-expired = Cancelled: the time to pay ran out.
event-cancelled-by-customer = Cancelled by the shopper.
event-cancelled-by-admin = Cancelled by shop staff.
event-stock-restored = { $count ->
    [one] 1 item went back into stock.
   *[other] { $count } items went back into stock.
}
event-coupon-released = The coupon went back to the shopper.
event-refunded = Refunded { $total }.
event-note = Note by { $author }: { $text }
admin-actions = Actions
admin-cancel-order = Cancel this order
admin-cancel-question = Cancel this order for the shopper? Nothing has been charged; the items go back on sale and the coupon goes back to the shopper.
admin-cancel-confirm = Yes, cancel the order
admin-note = Internal note (only staff see it)
admin-note-add = Add note
admin-details = details
admin-refund-order = Refund this order
admin-refund-question = Refund { $total } to the shopper's card? The items go back into stock, and the coupon goes back to the shopper while it is still valid.
admin-refund-confirm = Yes, refund the order
admin-paid-week = Paid this week (from Monday)
admin-cancelled-by-admin = Cancelled by admin

## Products table, product page, categories
admin-product-search = Product name or description
admin-matching-products = { $count ->
    [one] One product
   *[other] { $count } products
}
admin-products-caption = Products, newest first
admin-col-picture = Picture
admin-no-picture = No picture
admin-field-category = Category
admin-category-none = No category
admin-stock-change-for = Stock change for { $name }
admin-tick-all = Select every product on this page
admin-tick-product = Select { $name }
admin-bulk-label = Bulk actions
admin-bulk-action = Action for the selected products
admin-bulk-ticked = { $count ->
    [0] No product selected
    [one] One product selected
   *[other] { $count } products selected
}
admin-bulk-stop = Stop selling
admin-bulk-on-sale = Put on sale
admin-bulk-category = Move to category
admin-bulk-apply = Apply
admin-bulk-done = { $count ->
    [one] One product updated.
   *[other] { $count } products updated.
}
admin-bulk-none = Select at least one product.
admin-edit-product = Edit product
admin-back-to-products = ← All products
admin-product-details = Details
admin-stock-on-table = Stock: { $count }. Adjust it with a reason in the products table.
admin-saved = Saved.
admin-stock-per-variant = Stock per option
admin-stock-on-variants = Stock over all options: { $count }. Change stock and prices per option in the table below.
admin-options = Options
admin-options-hint = Name up to 3 options shoppers choose from (colour, size) and every combination is made at once, with no stock: fill in the table that follows. Only a product with no stock of its own that was never ordered can gain options.
admin-option-name = Option { $n }
admin-option-values = Values of option { $n } (comma-separated)
admin-option-name-example = e.g. Colour
admin-option-values-example = e.g. Black, White, Navy
admin-option-price = Price of each combination (₩)
admin-options-generate = Make the combinations
admin-variants = Variants
admin-variants-hint = Edit each option ({ $options }) row's price, stock, SKU and sale status, then save it. Stock changes are logged with the stock adjustments. A variant that was ordered is stopped, never deleted.
admin-col-variant = Option
admin-col-stock = Stock
admin-col-sku = SKU
admin-variant-price-of = Price of { $variant }
admin-variant-stock-of = Stock of { $variant }
admin-variant-sku-of = SKU of { $variant }
admin-variant-on-sale-of = { $variant } on sale
admin-pictures = Pictures
admin-no-pictures = No pictures yet. The first picture is the one shoppers see in the catalog.
admin-main-picture = Main picture
admin-alt-text = Description for screen readers (alt text)
admin-move-earlier = Move earlier
admin-move-later = Move later
admin-remove-picture = Remove
admin-remove-picture-question = Remove this picture from the product?
admin-remove-picture-confirm = Yes, remove it
admin-upload-alt = Description of the new pictures (alt text)
admin-upload-files = Pictures to add (JPEG, PNG or WebP, up to 5 MB each, up to 8 at once)
admin-upload-hint = Each picture is checked by its content: a file that is not really a JPEG, PNG or WebP picture is refused.
admin-upload = Upload
admin-upload-done = { $count ->
    [one] One picture added.
   *[other] { $count } pictures added.
}
admin-upload-refused-type = “{ $file }” was not added: it is not a JPEG, PNG or WebP picture (whatever its name says).
admin-upload-refused-size = “{ $file }” was not added: a picture can be at most 5 MB.
admin-upload-refused-too-many = “{ $file }” was not added: at most 8 pictures per upload.
admin-upload-refused-alt = “{ $file }” was not added: the description can be at most 200 characters.
admin-upload-refused-unreadable = The upload could not be read. Please choose the files again.
admin-categories = Categories
admin-new-category = New category
admin-field-slug = Address (slug)
admin-slug-hint = Lowercase letters, digits and hyphens, e.g. “tea-cups”. It becomes the category's address and cannot be changed later.
admin-create-category = Create category
admin-col-on-sale-count = On sale
admin-products-count = { $count ->
    [one] one product
   *[other] { $count } products
}
admin-rename-category = New name for { $slug }
admin-rename = Rename

## Campaign changes
admin-edit-campaign = Edit
admin-field-from = Valid from
admin-end-campaign = End now
admin-end-campaign-question = End this campaign now? Nobody can claim it any more, and coupons already issued stop applying. Orders already placed keep their discount.
admin-end-campaign-confirm = Yes, end it
admin-campaign-over = Ended

## Order export
admin-export-csv = Download these orders (CSV)
admin-export-csv-hint = Every order matching the filter, for Excel or another spreadsheet.
csv-order = Order
csv-placed-at = Placed at
csv-email = Shopper email
csv-status = Status
csv-items = Items
csv-units = Units
csv-subtotal = Subtotal (KRW)
csv-discount = Discount (KRW)
csv-total = Total (KRW)
csv-paid-at = Paid at
csv-recipient = Recipient
csv-phone = Phone
csv-postal-code = Postal code
csv-address = Address
admin-col-manage = Manage
