//! Many writers, one store: how long a connection waits for another
//! process's write lock, the transactions every write goes through, and
//! naming the process that holds the lock when the wait runs out.
//!
//! Every write transaction is `BEGIN IMMEDIATE`: it takes the write lock
//! before reading anything. A deferred transaction that reads and then
//! writes cannot wait for a lock another writer took meanwhile (SQLite
//! answers `database is locked` at once, since waiting could deadlock),
//! so two runs on one store failed within a second of each other.

use std::path::Path;
use std::time::{Duration, Instant};

use rusqlite::{Connection, TransactionBehavior};

use crate::StoreError;

/// How long a connection waits for another one's write lock before
/// giving up: long enough for any run's corpus-wide passes.
pub(crate) const WAIT: Duration = Duration::from_secs(10 * 60);

/// An SQLite error of the store at `path` (which waits `wait` for a lock),
/// as the store reports it: a file that is no database, a lock still held
/// after the wait (naming who holds it), or the error itself.
pub(crate) fn store_error(path: &Path, wait: Duration, source: rusqlite::Error) -> StoreError {
    if let rusqlite::Error::SqliteFailure(e, _) = &source {
        match e.code {
            rusqlite::ErrorCode::NotADatabase => return StoreError::NotAStore(path.to_path_buf()),
            rusqlite::ErrorCode::DatabaseBusy => {
                return StoreError::Busy {
                    path: path.to_path_buf(),
                    waited: wait,
                    holder: lock_holder(path),
                }
            }
            _ => {}
        }
    }
    StoreError::Sqlite {
        path: path.to_path_buf(),
        source,
    }
}

/// Runs `attempt` until it is not refused for a lock, for up to `wait`:
/// for what SQLite does not wait for itself (switching a store another
/// connection is creating into WAL mode answers `database is locked` at once).
pub(crate) fn retry_while_busy<T>(
    wait: Duration,
    mut attempt: impl FnMut() -> rusqlite::Result<T>,
) -> rusqlite::Result<T> {
    let started = Instant::now();
    let mut pause = Duration::from_millis(1);
    loop {
        match attempt() {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::DatabaseBusy && started.elapsed() < wait =>
            {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(50));
            }
            done => return done,
        }
    }
}

/// Runs `work` in a transaction that holds the write lock from its start
/// and commits it; nothing of a failed one is kept. Inside a transaction
/// already open ([`crate::Store::atomically`]) it is a savepoint of that one.
pub(crate) fn in_transaction<T>(
    conn: &mut Connection,
    work: impl FnOnce(&Connection) -> rusqlite::Result<T>,
) -> rusqlite::Result<T> {
    if conn.is_autocommit() {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = work(&tx)?;
        tx.commit()?;
        Ok(out)
    } else {
        let sp = conn.savepoint()?;
        let out = work(&sp)?;
        sp.commit()?;
        Ok(out)
    }
}

/// Who holds the write lock of the store at `path`, as "process PID
/// (COMMAND LINE)": read from the kernel's table of file locks, so on Linux
/// only; `None` elsewhere, or when the lock is gone by now.
pub(crate) fn lock_holder(path: &Path) -> Option<String> {
    #[cfg(target_os = "linux")]
    {
        linux::lock_holder(path)
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = path;
        None
    }
}

#[cfg(target_os = "linux")]
mod linux {
    use std::os::unix::fs::MetadataExt;
    use std::path::Path;

    /// The byte of `FILE-shm` a WAL store's writer locks (SQLite's WAL
    /// file format: locks 120 to 127 of the shm file, the first the writer's).
    const WAL_WRITE_LOCK: u64 = 120;
    /// The byte of the store file a rollback-journal writer locks before
    /// its store is in WAL mode (SQLite's RESERVED lock, after PENDING_BYTE).
    const RESERVED_BYTE: u64 = 0x4000_0001;

    /// A process holding a write lock on the store's shm file (WAL mode) or
    /// on the store file itself (a store being created).
    pub(super) fn lock_holder(path: &Path) -> Option<String> {
        let locks = std::fs::read_to_string("/proc/locks").ok()?;
        let mut shm = path.as_os_str().to_owned();
        shm.push("-shm");
        let pid = [(Path::new(&shm), WAL_WRITE_LOCK), (path, RESERVED_BYTE)]
            .into_iter()
            .find_map(|(file, byte)| {
                let meta = std::fs::metadata(file).ok()?;
                writer_of(&locks, meta.dev(), meta.ino(), byte)
            })?;
        Some(describe(pid))
    }

    /// The process holding a write lock over `byte` of the file (`dev`,
    /// `ino`) in `locks` (the text of /proc/locks: `1: POSIX ADVISORY WRITE
    /// PID MAJOR:MINOR:INODE START END`; `->` marks a process waiting).
    pub(super) fn writer_of(locks: &str, dev: u64, ino: u64, byte: u64) -> Option<u32> {
        let (major, minor) = (
            ((dev >> 8) & 0xfff) | ((dev >> 32) & !0xfff),
            (dev & 0xff) | ((dev >> 12) & !0xff),
        );
        locks.lines().find_map(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            let [_, "POSIX", _, "WRITE", pid, file, start, end] = fields[..] else {
                return None;
            };
            let mut parts = file.split(':');
            let (maj, min, inode) = (parts.next()?, parts.next()?, parts.next()?);
            let same_file = u64::from_str_radix(maj, 16).ok()? == major
                && u64::from_str_radix(min, 16).ok()? == minor
                && inode.parse::<u64>().ok()? == ino;
            let start: u64 = start.parse().ok()?;
            let covers = start <= byte && (end == "EOF" || end.parse::<u64>().ok()? >= byte);
            (same_file && covers).then(|| pid.parse().ok()).flatten()
        })
    }

    /// "process PID (its command line)", the command line cut to a readable length.
    fn describe(pid: u32) -> String {
        let command = std::fs::read(format!("/proc/{pid}/cmdline"))
            .map(|raw| {
                let words: Vec<String> = raw
                    .split(|&b| b == 0)
                    .filter(|w| !w.is_empty())
                    .map(|w| String::from_utf8_lossy(w).into_owned())
                    .collect();
                words.join(" ")
            })
            .unwrap_or_default();
        let command: String = command
            .chars()
            .filter(|c| !c.is_control())
            .take(200)
            .collect();
        if command.is_empty() {
            format!("process {pid}")
        } else {
            format!("process {pid} ({command})")
        }
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::linux::writer_of;

    #[test]
    fn the_writer_is_the_process_locking_the_byte_of_that_file() {
        // dev 0xfd01 is major 0xfd, minor 0x01.
        let locks = "\
1: POSIX  ADVISORY  READ 700 fd:01:55 123 123
2: POSIX  ADVISORY  WRITE 800 fd:01:56 120 120
3: -> POSIX  ADVISORY  WRITE 900 fd:01:55 120 120
4: POSIX  ADVISORY  WRITE 1000 fd:01:55 118 121
5: FLOCK  ADVISORY  WRITE 1100 fd:01:55 0 EOF
";
        assert_eq!(writer_of(locks, 0xfd01, 55, 120), Some(1000));
        assert_eq!(writer_of(locks, 0xfd01, 56, 120), Some(800));
        assert_eq!(
            writer_of(locks, 0xfd01, 55, 123),
            None,
            "a read lock is no writer"
        );
        assert_eq!(writer_of(locks, 0xfd02, 55, 120), None, "another device");
        let to_end = "7: POSIX  ADVISORY  WRITE 42 fd:01:55 100 EOF\n";
        assert_eq!(writer_of(to_end, 0xfd01, 55, 120), Some(42));
    }
}
