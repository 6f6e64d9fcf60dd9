//! Pictures for the demo catalog, drawn here (nothing is downloaded): a soft backdrop and a
//! simple still life of the product's kind, as a PNG that goes through the same upload path as
//! an admin's photo.
use std::io::Cursor;

use image::{ImageFormat, Rgb, RgbImage};

/// What the picture shows (spelled in lower case in `demo_catalog.json`).
#[derive(Debug, Clone, Copy, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Shape {
    /// A board or tray: a rounded slab with a hanging hole.
    Board,
    /// A cup, mug or jar: a body with a handle.
    Mug,
    /// A pan or pot seen from above: a disc with a long handle.
    Pan,
    /// A cloth or towel: a folded stack.
    Cloth,
    /// Tools: three long handles side by side.
    Utensils,
}

const W: u32 = 1200;
const H: u32 = 900;

fn mix(a: [u8; 3], b: [u8; 3], t: f32) -> Rgb<u8> {
    let m = |x: u8, y: u8| (f32::from(x) + (f32::from(y) - f32::from(x)) * t).round() as u8;
    Rgb([m(a[0], b[0]), m(a[1], b[1]), m(a[2], b[2])])
}

fn shade(c: [u8; 3], by: f32) -> [u8; 3] {
    c.map(|v| (f32::from(v) * by).clamp(0.0, 255.0) as u8)
}

/// A shape: the box it fits in (x0, y0, x1, y1) and whether a point is inside it.
struct Area<F> {
    bounds: (f32, f32, f32, f32),
    inside: F,
}

/// Fills every pixel of `area` (only its box is visited: drawing stays quick in a debug build).
fn fill<F: Fn(f32, f32) -> bool>(img: &mut RgbImage, color: [u8; 3], area: Area<F>) {
    let (x0, y0, x1, y1) = area.bounds;
    let clip = |v: f32, max: u32| (v.max(0.0) as u32).min(max);
    for y in clip(y0, H)..clip(y1 + 1.0, H) {
        for x in clip(x0, W)..clip(x1 + 1.0, W) {
            if (area.inside)(x as f32, y as f32) {
                img.put_pixel(x, y, Rgb(color));
            }
        }
    }
}

fn rect(x0: f32, y0: f32, x1: f32, y1: f32) -> Area<impl Fn(f32, f32) -> bool> {
    Area { bounds: (x0, y0, x1, y1), inside: |_, _| true }
}

fn rounded_rect(x0: f32, y0: f32, x1: f32, y1: f32, r: f32) -> Area<impl Fn(f32, f32) -> bool> {
    Area {
        bounds: (x0, y0, x1, y1),
        inside: move |x: f32, y: f32| {
            let cx = x.clamp(x0 + r, x1 - r);
            let cy = y.clamp(y0 + r, y1 - r);
            (x - cx).powi(2) + (y - cy).powi(2) <= r * r
        },
    }
}

fn ellipse(cx: f32, cy: f32, rx: f32, ry: f32) -> Area<impl Fn(f32, f32) -> bool> {
    Area {
        bounds: (cx - rx, cy - ry, cx + rx, cy + ry),
        inside: move |x: f32, y: f32| ((x - cx) / rx).powi(2) + ((y - cy) / ry).powi(2) <= 1.0,
    }
}

/// A 1200 x 900 PNG of `shape` in `color` on a backdrop of `backdrop`.
pub fn draw(shape: Shape, color: [u8; 3], backdrop: [u8; 3]) -> Vec<u8> {
    let light = shade(backdrop, 1.08);
    let mut img = RgbImage::from_fn(W, H, |_, y| mix(light, backdrop, y as f32 / H as f32));
    // A table edge and the object's shadow.
    fill(&mut img, shade(backdrop, 0.92), rect(0.0, 691.0, W as f32, H as f32));
    fill(&mut img, shade(backdrop, 0.8), ellipse(600.0, 700.0, 330.0, 40.0));
    let dark = shade(color, 0.78);
    match shape {
        Shape::Board => {
            fill(&mut img, dark, rounded_rect(300.0, 250.0, 910.0, 700.0, 60.0));
            fill(&mut img, color, rounded_rect(290.0, 230.0, 900.0, 680.0, 60.0));
            fill(&mut img, shade(backdrop, 1.0), ellipse(820.0, 310.0, 26.0, 26.0));
            for i in 0..5 {
                let y = 320.0 + i as f32 * 70.0;
                fill(&mut img, shade(color, 0.9), rect(341.0, y - 2.0, 759.0, y + 2.0));
            }
        }
        Shape::Mug => {
            fill(&mut img, dark, ellipse(770.0, 470.0, 110.0, 120.0));
            fill(&mut img, shade(backdrop, 1.0), ellipse(770.0, 470.0, 60.0, 70.0));
            fill(&mut img, color, rounded_rect(400.0, 260.0, 780.0, 700.0, 50.0));
            fill(&mut img, dark, ellipse(590.0, 262.0, 190.0, 34.0));
            fill(&mut img, shade(color, 1.15), rounded_rect(440.0, 320.0, 480.0, 640.0, 20.0));
        }
        Shape::Pan => {
            fill(&mut img, dark, rounded_rect(760.0, 420.0, 1120.0, 480.0, 28.0));
            fill(&mut img, dark, ellipse(520.0, 460.0, 280.0, 230.0));
            fill(&mut img, color, ellipse(520.0, 450.0, 250.0, 200.0));
            fill(&mut img, shade(color, 1.2), ellipse(450.0, 390.0, 70.0, 40.0));
        }
        Shape::Cloth => {
            for (i, c) in [dark, color, shade(color, 1.12)].into_iter().enumerate() {
                let y = 560.0 - i as f32 * 110.0;
                fill(&mut img, c, rounded_rect(330.0, y - 100.0, 870.0, y + 120.0, 30.0));
            }
            fill(&mut img, shade(color, 0.7), rect(361.0, 287.0, 839.0, 293.0));
        }
        Shape::Utensils => {
            for (i, dx) in [-160.0_f32, 0.0, 160.0].into_iter().enumerate() {
                let c = if i == 1 { color } else { shade(color, 0.9 + 0.1 * i as f32) };
                fill(&mut img, dark, rounded_rect(580.0 + dx, 380.0, 620.0 + dx, 690.0, 18.0));
                fill(&mut img, c, ellipse(600.0 + dx, 300.0, 70.0, 110.0));
            }
        }
    }
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
        .expect("encoding a PNG in memory cannot fail");
    out
}
