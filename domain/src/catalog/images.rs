//! Product images: checked by decoding (never by name or declared type), turned once into a
//! thumbnail and a large rendition, and stored in the database by the SHA-256 of their bytes.
//! The shop serves them at `/media/{hash}` for a year (`immutable`): new bytes, new URL.
use std::io::Cursor;

use chrono::{DateTime, Utc};
use image::{DynamicImage, ImageFormat, ImageReader, Limits};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use sha2::{Digest, Sha256};

use super::Catalog;
use crate::entities::{media, product, product_image};
use crate::error::{Conflict, DomainError, DomainResult, Field};

/// The largest upload taken.
pub const MAX_UPLOAD_BYTES: usize = 5 * 1024 * 1024;
/// Renditions fit in these boxes (aspect ratio kept; never enlarged).
pub const THUMB_BOX: u32 = 480;
pub const LARGE_BOX: u32 = 1200;
/// An upload wider or taller than this is refused before it is decoded (decompression bombs).
const MAX_SIDE: u32 = 10_000;

/// Where the shop serves a rendition.
pub fn media_url(hash: &str) -> String {
    format!("/media/{hash}")
}

/// One rendition, ready to store.
#[derive(Debug, Clone)]
pub struct Rendition {
    pub hash: String,
    pub content_type: &'static str,
    pub width: u32,
    pub height: u32,
    pub bytes: Vec<u8>,
}

/// Decodes an upload (JPEG, PNG or WebP, at most 5 MiB) and makes its two renditions.
pub fn renditions(upload: &[u8]) -> DomainResult<(Rendition, Rendition)> {
    if upload.len() > MAX_UPLOAD_BYTES {
        return Err(DomainError::validation(Field::File, "must be at most 5 MiB"));
    }
    let not_an_image = || DomainError::validation(Field::File, "must be a JPEG, PNG or WebP image");
    let mut reader = ImageReader::new(Cursor::new(upload)).with_guessed_format().map_err(|_| not_an_image())?;
    if !matches!(reader.format(), Some(ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP)) {
        return Err(not_an_image());
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(512 * 1024 * 1024);
    reader.limits(limits);
    let image = reader.decode().map_err(|_| not_an_image())?;
    Ok((render(&image, THUMB_BOX)?, render(&image, LARGE_BOX)?))
}

/// Fits `image` into a `side` x `side` box: JPEG when opaque (photos stay small), PNG when it has
/// transparency.
fn render(image: &DynamicImage, side: u32) -> DomainResult<Rendition> {
    let fitted = if image.width() > side || image.height() > side {
        image.resize(side, side, image::imageops::FilterType::CatmullRom)
    } else {
        image.clone()
    };
    let mut bytes = Vec::new();
    let content_type = if fitted.color().has_alpha() {
        fitted
            .write_to(&mut Cursor::new(&mut bytes), ImageFormat::Png)
            .map_err(|e| DomainError::internal(format!("encoding a PNG: {e}")))?;
        "image/png"
    } else {
        let rgb = fitted.to_rgb8();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 82)
            .encode_image(&rgb)
            .map_err(|e| DomainError::internal(format!("encoding a JPEG: {e}")))?;
        "image/jpeg"
    };
    Ok(Rendition {
        hash: hex::encode(Sha256::digest(&bytes)),
        content_type,
        width: fitted.width(),
        height: fitted.height(),
        bytes,
    })
}

/// A product image as the catalog shows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImageView {
    /// For an admin's changes to it.
    pub id: i64,
    /// The large rendition (at most 1200 px a side).
    pub url: String,
    pub alt: String,
    pub width: i32,
    pub height: i32,
    /// The thumbnail (at most 480 px a side).
    pub thumbnail_url: String,
    pub thumbnail_width: i32,
    pub thumbnail_height: i32,
}

impl From<product_image::Model> for ImageView {
    fn from(i: product_image::Model) -> Self {
        Self {
            id: i.id,
            url: media_url(&i.large_hash),
            alt: i.alt,
            width: i.large_width,
            height: i.large_height,
            thumbnail_url: media_url(&i.thumb_hash),
            thumbnail_width: i.thumb_width,
            thumbnail_height: i.thumb_height,
        }
    }
}

/// The images of these products, each product's in the order shown.
pub(crate) async fn images_of<C: ConnectionTrait>(
    db: &C,
    product_ids: &[i64],
) -> DomainResult<Vec<product_image::Model>> {
    if product_ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(product_image::Entity::find()
        .filter(product_image::Column::ProductId.is_in(product_ids.iter().copied()))
        .order_by_asc(product_image::Column::ProductId)
        .order_by_asc(product_image::Column::Position)
        .order_by_asc(product_image::Column::Id)
        .all(db)
        .await?)
}

async fn store<C: ConnectionTrait>(db: &C, r: &Rendition, now: DateTime<Utc>) -> DomainResult<()> {
    // The same bytes are the same rendition: a second upload of one picture stores nothing new.
    media::Entity::insert(media::ActiveModel {
        hash: Set(r.hash.clone()),
        content_type: Set(r.content_type.to_owned()),
        width: Set(r.width as i32),
        height: Set(r.height as i32),
        bytes: Set(r.bytes.clone()),
        created_at: Set(now),
    })
    .on_conflict_do_nothing()
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// The image `image_id` of product `product_id`: another product's image id matches nothing.
fn image_of(product_id: i64, image_id: i64) -> Condition {
    Condition::all().add(product_image::Column::Id.eq(image_id)).add(product_image::Column::ProductId.eq(product_id))
}

/// The one image a change was for was there (one row), or it was not found.
fn found(rows_affected: u64) -> DomainResult<()> {
    if rows_affected == 1 { Ok(()) } else { Err(DomainError::NotFound) }
}

impl Catalog<'_> {
    /// Adds an image after the product's others. `alt` describes it for people who cannot see it.
    #[tracing::instrument(skip(self, upload), fields(bytes = upload.len()))]
    pub async fn add_product_image(self, product_id: i64, upload: &[u8], alt: &str) -> DomainResult<ImageView> {
        let alt = crate::types::clean_text(Field::Alt, alt, 200, false)?;
        // Decoding and resizing take a while: off the async threads.
        let upload = upload.to_vec();
        let (thumb, large) = tokio::task::spawn_blocking(move || renditions(&upload))
            .await
            .map_err(|e| DomainError::internal(format!("image worker: {e}")))??;
        let now = self.ctx.clock.now();
        let txn = self.ctx.begin_write().await?;
        product::Entity::find_by_id(product_id).one(&txn).await?.ok_or(DomainError::NotFound)?;
        store(&txn, &thumb, now).await?;
        store(&txn, &large, now).await?;
        let last: Option<i32> = product_image::Entity::find()
            .select_only()
            .column_as(product_image::Column::Position.max(), "last")
            .filter(product_image::Column::ProductId.eq(product_id))
            .into_tuple::<Option<i32>>()
            .one(&txn)
            .await?
            .flatten();
        let row = product_image::ActiveModel {
            product_id: Set(product_id),
            position: Set(last.map_or(0, |p| p + 1)),
            alt: Set(alt),
            thumb_hash: Set(thumb.hash.clone()),
            thumb_width: Set(thumb.width as i32),
            thumb_height: Set(thumb.height as i32),
            large_hash: Set(large.hash.clone()),
            large_width: Set(large.width as i32),
            large_height: Set(large.height as i32),
            created_at: Set(now),
            ..Default::default()
        };
        let inserted = product_image::Entity::insert(row).exec_with_returning(&txn).await?;
        txn.commit().await?;
        Ok(inserted.into())
    }

    /// A new text for the image's `alt`.
    #[tracing::instrument(skip(self))]
    pub async fn set_image_alt(self, product_id: i64, image_id: i64, alt: &str) -> DomainResult<()> {
        let alt = crate::types::clean_text(Field::Alt, alt, 200, false)?;
        let res = product_image::Entity::update_many()
            .col_expr(product_image::Column::Alt, Expr::value(alt))
            .filter(image_of(product_id, image_id))
            .exec(&self.ctx.db)
            .await?;
        found(res.rows_affected)
    }

    /// Swaps the image with its neighbour (`earlier`: the one before it, else the one after); at
    /// either end it stays. The first image is the product's main picture.
    #[tracing::instrument(skip(self))]
    pub async fn move_image(self, product_id: i64, image_id: i64, earlier: bool) -> DomainResult<()> {
        let txn = self.ctx.begin_write().await?;
        let images = images_of(&txn, &[product_id]).await?;
        let at = images.iter().position(|i| i.id == image_id).ok_or(DomainError::NotFound)?;
        let other = if earlier { at.checked_sub(1) } else { Some(at + 1).filter(|&o| o < images.len()) };
        let Some(other) = other else {
            return Ok(());
        };
        let (a, b) = (&images[at], &images[other]);
        // Positions may tie (equal positions fall back to ids): give both a distinct one.
        let (pos_a, pos_b) = if a.position == b.position {
            if earlier { (a.position, a.position + 1) } else { (a.position + 1, a.position) }
        } else {
            (b.position, a.position)
        };
        for (image, position, was) in [(a, pos_a, a.position), (b, pos_b, b.position)] {
            // Conditional on the position read: two admins reordering at once cannot interleave.
            let res = product_image::Entity::update_many()
                .col_expr(product_image::Column::Position, Expr::value(position))
                .filter(product_image::Column::Id.eq(image.id))
                .filter(product_image::Column::Position.eq(was))
                .exec(&txn)
                .await?;
            if res.rows_affected != 1 {
                txn.rollback().await?;
                return Err(DomainError::Conflict(Conflict::ImagesChanged));
            }
        }
        txn.commit().await?;
        Ok(())
    }

    /// Takes the image off the product. Its renditions stay stored: another image may show the
    /// same bytes, and a page cached somewhere may still name them.
    #[tracing::instrument(skip(self))]
    pub async fn remove_image(self, product_id: i64, image_id: i64) -> DomainResult<()> {
        let res =
            product_image::Entity::delete_many().filter(image_of(product_id, image_id)).exec(&self.ctx.db).await?;
        found(res.rows_affected)
    }

    /// A rendition's content type and bytes, for serving `/media/{hash}`.
    pub async fn media(self, hash: &str) -> DomainResult<Option<(String, Vec<u8>)>> {
        if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Ok(None);
        }
        Ok(media::Entity::find_by_id(hash.to_owned())
            .select_only()
            .column(media::Column::ContentType)
            .column(media::Column::Bytes)
            .into_tuple::<(String, Vec<u8>)>()
            .one(&self.ctx.db)
            .await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(width, height, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 90]));
        let mut out = Vec::new();
        DynamicImage::ImageRgb8(img).write_to(&mut Cursor::new(&mut out), ImageFormat::Png).unwrap();
        out
    }

    #[test]
    fn an_upload_becomes_a_thumbnail_and_a_large_rendition_with_its_aspect_ratio() {
        let (thumb, large) = renditions(&png(2000, 1000)).unwrap();
        assert_eq!((thumb.width, thumb.height), (480, 240));
        assert_eq!((large.width, large.height), (1200, 600));
        assert_eq!(thumb.content_type, "image/jpeg");
        assert_eq!(thumb.hash.len(), 64);
        assert_ne!(thumb.hash, large.hash);
        // Small pictures are never enlarged.
        let (small, _) = renditions(&png(100, 80)).unwrap();
        assert_eq!((small.width, small.height), (100, 80));
    }

    #[test]
    fn text_named_like_an_image_is_refused() {
        let err = renditions(b"just some text, not a picture at all").unwrap_err();
        assert!(matches!(err, DomainError::Validation { field: Field::File, .. }), "{err:?}");
        // A GIF is an image, but not one the shop takes.
        let err = renditions(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;").unwrap_err();
        assert!(matches!(err, DomainError::Validation { field: Field::File, .. }), "{err:?}");
    }

    #[test]
    fn uploads_over_five_mib_are_refused_before_decoding() {
        let err = renditions(&vec![0_u8; MAX_UPLOAD_BYTES + 1]).unwrap_err();
        assert!(matches!(err, DomainError::Validation { field: Field::File, .. }), "{err:?}");
    }
}
