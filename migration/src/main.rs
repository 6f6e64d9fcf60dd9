//! `cargo run -p migration`: applies pending migrations to `DATABASE_URL` (or the embedded
//! default SQLite file) and exits. `down` rolls back the last one.
use sea_orm_migration::prelude::*;

#[tokio::main]
async fn main() -> Result<(), DbErr> {
    let url = std::env::var("DATABASE_URL").unwrap_or_else(|_| "sqlite://data/shop.db?mode=rwc".into());
    if let Some(dir) = url
        .strip_prefix("sqlite://")
        .and_then(|p| std::path::Path::new(p.split('?').next().unwrap_or(p)).parent().map(|d| d.to_path_buf()))
    {
        std::fs::create_dir_all(dir).map_err(|e| DbErr::Custom(e.to_string()))?;
    }
    let db = sea_orm_migration::sea_orm::Database::connect(&url).await?;
    match std::env::args().nth(1).as_deref() {
        Some("down") => migration::Migrator::down(&db, Some(1)).await?,
        Some("status") => {
            for m in migration::Migrator::get_pending_migrations(&db).await? {
                println!("pending: {}", m.name());
            }
        }
        _ => migration::Migrator::up(&db, None).await?,
    }
    Ok(())
}
