//! Server and worker open the embedded queue at the same moment on a new `data/` (as `make run`
//! starts them): every opener must get a working queue, whoever creates the file.

use queue::{QueueKind, QueueScheduler, QueueSettings, open_embedded};

const ROUNDS: usize = 30;
const OPENERS: usize = 3;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn openers_of_a_new_embedded_queue_at_the_same_moment_all_succeed() {
    let mut failures = Vec::new();
    for round in 0..ROUNDS {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("jobs.db");
        let settings = QueueSettings::with_fast_heartbeat(QueueKind::Embedded { path: path.clone() });
        let openers: Vec<_> = (0..OPENERS)
            .map(|_| {
                let (path, settings) = (path.clone(), settings.clone());
                tokio::spawn(async move { open_embedded(&path, &settings).await.map(drop).map_err(|e| e.to_string()) })
            })
            .collect();
        for opener in openers {
            if let Err(e) = opener.await.unwrap() {
                failures.push(format!("round {round}: {e}"));
            }
        }
        // The file every opener saw is a complete queue: a push lands.
        let at = chrono::Utc::now() + chrono::Duration::minutes(5);
        QueueScheduler::new(settings).schedule(round as i64 + 1, at).await.expect("a push to the new queue lands");
    }
    assert!(failures.is_empty(), "{} of {} opens failed: {failures:#?}", failures.len(), ROUNDS * OPENERS);
}
