# 한국어 상점 문구. 키는 ../en/shop.ftl과 같아야 합니다(테스트가 확인합니다).

## 상점
shop-name = 나무상점
shop-description = 나무상점: 원목 주방용품과 생활용품을 전국으로 배송해 드립니다.
skip-to-content = 본문 바로가기
loading = 불러오는 중…
browse-catalog = 상품 둘러보기
back-to-catalog = 상품 목록으로 돌아가기

## 날짜·시간 형식(chrono), 상점 시간대 기준
format-datetime = %Y.%m.%d %H:%M %Z
format-date = %Y.%m.%d
format-time = %H:%M %Z

## 상단 메뉴
nav-main = 주 메뉴
nav-catalog = 전체 상품
nav-cart = 장바구니
nav-cart-count = 장바구니 ({ $count })
nav-admin = 관리자
nav-my-orders = 주문 내역
nav-my-coupons = 내 쿠폰
nav-sign-in = 로그인
nav-sign-out = 로그아웃
nav-language = 언어

## 재고
stock-sold-out = 품절
stock-only-left = { $count }개 남음
stock-in-stock = 구매 가능
stock-not-on-sale = 판매 중지
price-from = { $price }~
option-choose-prompt = 옵션을 선택하시면 재고를 알려 드려요
option-required = (필수)
card-choose-options = 옵션 선택

## 상품 목록
catalog-title = 전체 상품
catalog-empty = 아직 등록된 상품이 없습니다.
catalog-products = 상품
card-details = 상세 보기
card-hide-details = 상세 닫기
pager-label = 페이지
pager-previous = ← 이전
pager-next = 다음 →
pager-page-of = { $pages }페이지 중 { $page }페이지

## 상품 상세
product-not-found = 상품을 찾을 수 없습니다
product-add-to-cart = 장바구니 담기
product-adding = 담는 중…
product-added = 장바구니에 담았습니다.
product-view-cart = 장바구니 보기

## 표 머리글
col-product = 상품
col-price = 가격
col-quantity = 수량
col-total = 합계
col-order = 주문번호
col-placed = 주문일시
col-items = 수량
col-status = 상태

## 금액
amount-subtotal = 상품 금액
amount-discount = 할인 금액
amount-total = 결제 금액

## 장바구니
cart-title = 장바구니
cart-empty = 장바구니가 비어 있습니다.
cart-caption = 장바구니에 담긴 상품
cart-quantity-of = { $name } 수량
cart-update = 변경
cart-remove = 삭제
cart-go-to-checkout = 주문하기
cart-problem-not-for-sale = 판매가 중지된 상품입니다
cart-error-quantity = 수량은 1개부터 99개까지 선택할 수 있습니다.
cart-error-quantity-or-remove = 수량은 1개부터 99개까지 선택하시거나 상품을 삭제해 주세요.
cart-error-all-in-cart = 남은 재고를 모두 장바구니에 담으셨습니다.
cart-error-sold-out = 죄송합니다. 품절된 상품입니다.
cart-error-choose-option = { $option } 옵션을 선택해 주세요.
cart-error-only-more = 죄송합니다. { $count }개만 더 담으실 수 있습니다.
cart-error-too-many-lines = 장바구니에는 최대 20종류의 상품을 담을 수 있습니다.

## 주문/결제
checkout-title = 주문/결제
checkout-items = 주문 상품
checkout-line-out-of-stock = 이 상품은 재고가 부족합니다.
checkout-change-cart = 장바구니 수정
checkout-coupon = 쿠폰
checkout-choose-coupon = 쿠폰 선택
checkout-no-coupon = 쿠폰 사용 안 함
checkout-coupon-unusable = 사용 불가: { $reason }
checkout-apply-coupon = 쿠폰 적용
checkout-payment-amount = 결제 금액
checkout-place-order = 주문하기
checkout-placing = 주문하는 중…

## 주문 내역
orders-title = 주문 내역
orders-empty = 아직 주문하신 내역이 없습니다.
orders-caption = 주문 내역(최신순)
orders-count = 주문 { $count }건
units-count = { $count }개
order-number = 주문 #{ $id }
order-title = 주문 #{ $id }
order-not-found = 주문을 찾을 수 없습니다
order-status = 주문 상태:
order-placed-at = 주문일시 { $at }
order-paid-at = 결제일시 { $at }
order-closed-at = 종료일시 { $at }
order-caption = 주문 상품
order-coupon = 적용 쿠폰:
order-cancel = 주문 취소
status-pending-payment = 결제 대기
status-paid = 결제 완료
status-expired = 기한 만료
status-cancelled = 주문 취소
status-refunded = 환불 완료

## 결제
countdown-pay-by = { $time }까지 결제해 주세요
countdown-left = 결제 남은 시간 { $left } ({ $time }까지)
countdown-up = 결제 기한이 지났습니다
pay-card-number = 카드 번호
pay-test-mode = 테스트 결제 모드입니다. 실제로 청구되지 않으며 카드 정보는 저장하지 않습니다. 카드 번호를 비워 두시면 테스트 카드로 결제되며, 4000 0000 0000 0002는 승인이 거절됩니다.
pay-submit = 결제하기
pay-paying = 결제하는 중…
pay-error-card-too-long = 카드 번호는 32자 이내로 입력해 주세요.

## 쿠폰
coupons-title = 내 쿠폰
coupons-held = 보유 쿠폰
coupons-none = 보유하신 쿠폰이 없습니다.
coupons-to-claim = 받을 수 있는 쿠폰
coupons-none-to-claim = 지금 받을 수 있는 쿠폰이 없습니다.
coupons-valid-until = { $day }까지 사용 가능
coupons-left = { $count }장 남음
coupons-claim = 쿠폰 받기
coupon-status-available = 사용 가능
coupon-status-reserved = 결제 대기 중인 주문에 사용됨
coupon-status-used = 사용 완료
coupon-status-expired = 기간 만료
coupon-reason-not-yours = 회원님의 쿠폰이 아닙니다
coupon-reason-used = 이미 사용한 쿠폰입니다
coupon-reason-reserved = 결제 대기 중인 다른 주문에 사용 중입니다
coupon-reason-expired = 사용 기간이 지났습니다
coupon-reason-not-yet-valid = 아직 사용 기간이 아닙니다
coupon-reason-min-order = 최소 주문 금액에 미달합니다

## 회원
signin-title = 로그인
signin-submit = 로그인
signin-pending = 로그인하는 중…
signin-new-here = 처음 오셨나요?
signin-demo-hint = 체험용 계정:
signin-prompt = 로그인 후 이용하실 수 있습니다.
signin-wrong = 이메일 또는 비밀번호가 올바르지 않습니다.
signup-title = 회원가입
signup-submit = 가입하기
signup-pending = 가입하는 중…
signup-have-account = 이미 회원이신가요?
field-email = 이메일
field-password = 비밀번호
field-new-password = 비밀번호(8자 이상)
field-name-optional = 이름(선택)

## 찾을 수 없음
not-found-title = 페이지를 찾을 수 없습니다
not-found-text = 요청하신 페이지가 없거나 주소가 변경되었습니다.

## 오류
error-title = 문제가 발생했습니다
error-unavailable = 상점에 연결할 수 없습니다. 인터넷 연결을 확인하신 후 다시 시도해 주세요.
error-form-invalid = 입력하신 내용 중 빠졌거나 올바르지 않은 항목이 있습니다.
error-internal = 일시적인 오류가 발생했습니다. 잠시 후 다시 시도해 주세요.
error-unauthorized = 먼저 로그인해 주세요.
error-forbidden = 상점 관리자만 이용할 수 있는 페이지입니다.
error-not-found = 요청하신 정보를 찾을 수 없습니다.
error-out-of-stock = 죄송합니다. 상품의 재고가 부족합니다.
error-invalid-product = 판매가 중지된 상품입니다.
error-variant-out-of-stock = 죄송합니다. 선택하신 옵션의 재고가 부족합니다.
error-variant-required = 옵션을 선택해 주세요.
error-variant-not-for-sale = 선택하신 옵션은 판매가 중지되었습니다.
error-invalid-coupon = 이 쿠폰은 사용할 수 없습니다: { $reason }.
error-order-not-payable = 결제할 수 없는 주문입니다. 이미 결제되었거나 취소 또는 기한이 만료되었습니다.
error-order-not-cancellable = 결제 대기 중인 주문만 취소하실 수 있습니다.
error-payment-declined = 카드 승인이 거절되었습니다. 결제된 금액은 없으니 다른 카드로 시도해 주세요.
error-payment-unconfirmed = 지금은 결제 결과를 확인하지 못했습니다. 결제가 이루어졌다면 몇 분 안에 주문이 자동으로 결제 완료 처리되거나 결제 금액이 환불됩니다. 다시 결제하셔도 중복 결제되지 않습니다.
error-idempotency-conflict = 이미 다른 장바구니로 진행된 주문서입니다. 페이지를 새로 고쳐 주세요.
error-rate-limited = 로그인 시도가 너무 많습니다. 몇 분 후에 다시 시도해 주세요.
error-rate-limited-sign-up = 같은 네트워크에서 짧은 시간에 너무 많은 가입이 있었습니다. 1분 후에 다시 시도해 주세요.
error-rate-limited-placing = 짧은 시간에 주문이 너무 많습니다. 1분 후에 다시 시도해 주세요.
error-email-taken = 이미 가입된 이메일입니다. 로그인해 주세요.
error-campaign-ended = 종료된 쿠폰 행사입니다.
error-campaign-exhausted = 이 쿠폰은 모두 소진되었습니다.
error-coupon-claimed = 이미 받으신 쿠폰입니다.
error-invalid-email = 올바른 이메일 주소를 입력해 주세요.
error-invalid-password = 비밀번호는 8자 이상이어야 합니다.

## 주문 상세: 주문 완료, 결과 안내, 결제, 취소
order-thanks = 주문해 주셔서 감사합니다!
order-thanks-pay-by = { $time }까지 결제해 주셔야 상품이 확보됩니다. 기한 내 결제되지 않은 주문은 자동으로 취소되고 상품은 다시 판매됩니다.
order-next-paid = 결제가 완료되었습니다. 상품을 배송 준비 중입니다.
order-next-expired = 결제 기한이 지나 주문이 자동 취소되었습니다. 결제된 금액은 없으며, 상품은 다시 판매되고 사용하신 쿠폰은 반환되었습니다.
order-next-cancelled = 주문이 취소되었습니다. 결제된 금액은 없으며, 사용하신 쿠폰은 반환되었습니다.
order-next-refunded = 환불이 완료되었습니다. 카드사에 따라 영업일 기준 며칠 내에 환불됩니다.
pay-heading = 결제
pay-card-expiry = 유효기간(MM/YY)
pay-card-cvc = CVC
pay-card-name = 카드 소유자 이름
pay-error-expiry = 카드 유효기간을 MM/YY 형식으로 입력해 주세요.
pay-error-cvc = 카드 뒷면의 보안코드 3~4자리를 입력해 주세요.
pay-error-name = 카드 소유자 이름은 100자 이내로 입력해 주세요.
order-cancel-question = 이 주문을 취소하시겠어요? 상품은 다시 판매되고 사용하신 쿠폰은 반환됩니다.
order-cancel-confirm = 네, 주문을 취소합니다

## 상품 목록: 검색, 카테고리, 정렬
catalog-results-for = “{ $q }” 검색 결과
catalog-count = 상품 { $count }개
catalog-no-match = 검색 결과가 없습니다. 다른 검색어나 카테고리로 찾아보세요.
catalog-search = 상품 검색
catalog-search-placeholder = 상품명 또는 설명
catalog-search-submit = 검색
catalog-sort = 정렬
catalog-categories = 카테고리
catalog-all = 전체 상품
sort-newest = 신상품순
sort-price-asc = 낮은 가격순
sort-price-desc = 높은 가격순
sort-name = 이름순
cart-clamped = 재고가 { $count }개 남아 수량을 { $count }개로 변경했습니다.

## 배송지
ship-heading = 배송지
ship-recipient = 받는 분
ship-phone = 연락처
ship-postal-code = 우편번호
ship-postal-hint = 5자리 숫자 (예: 06236)
ship-address1 = 주소
ship-address2 = 상세주소 (동·호수, 선택)
error-ship-recipient = 받는 분 이름을 입력해 주세요(100자 이내).
error-ship-phone = 배송 기사님이 연락할 수 있는 전화번호를 입력해 주세요(예: 010-1234-5678).
error-ship-postal-code = 우편번호는 5자리 숫자입니다(예: 06236).
error-ship-address1 = 주소를 입력해 주세요(100자 이내).
error-ship-address2 = 상세주소는 100자 이내로 입력해 주세요.
nav-menu = 메뉴
error-order-not-refundable = 결제 완료된 주문만 환불할 수 있습니다(이미 환불되었을 수 있습니다).
error-refund-declined = 결제사가 환불을 거절했습니다: { $reason }. 주문은 결제 완료 상태로 유지됩니다.

## 거절 사유에서 입력 항목을 부르는 이름 (app/src/refusals.rs)
error-campaign-over = 이미 종료된 쿠폰 행사입니다.
error-category-slug-taken = 같은 주소(슬러그)를 쓰는 카테고리가 이미 있습니다.
error-stock-changed = 그사이 재고가 변경되었습니다. 페이지를 새로 고친 후 다시 시도해 주세요.
error-images-changed = 그사이 이미지가 변경되었습니다. 페이지를 새로 고친 후 다시 시도해 주세요.
error-variant-exists = 같은 옵션 조합이 이미 등록되어 있습니다.
error-sku-taken = 이미 다른 상품에서 사용 중인 SKU(상품 코드)입니다.
field-name = 이름
field-description = 상품 설명
field-price = 판매가
field-stock = 재고
field-status = 상태
field-category = 카테고리
field-slug = 주소(슬러그)
field-alt = 이미지 설명
field-file = 이미지 파일
field-q = 검색어
field-sort = 정렬
field-page = 페이지
field-per-page = 페이지당 개수
field-items = 주문 상품
field-quantity = 수량
field-product = 상품
field-ids = 선택한 상품
field-action = 작업
field-delta = 재고 변동
field-options = 옵션
field-variants = 옵션 조합
field-variant = 옵션
field-sku = SKU(상품 코드)
field-reason = 사유
field-value = 할인
field-max-discount = 최대 할인 금액
field-min-order-amount = 최소 주문 금액
field-valid-until = 사용 기한
field-user = 고객
field-coupon = 쿠폰
field-card-number = 카드 번호
field-note = 메모
field-idempotency-key = 요청 키
field-ship-recipient = 받는 분
field-ship-phone = 연락처
field-ship-postal-code = 우편번호
field-ship-address1 = 주소
field-ship-address2 = 상세주소
field-body = 입력 양식
field-query = 조회 조건
