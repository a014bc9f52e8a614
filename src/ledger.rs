//! The ledger: a local SQLite database (mode 0600, WAL) holding runs, per-item progress and
//! the undo journal. Jobs commit item by item, so a killed run loses nothing and resumes.
//! Never holds a secret: arguments are stored as typed, and tokens only travel in env vars.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

const MIGRATIONS: &[&str] = &[
    // 1: runs and the tables the jobs need.
    "CREATE TABLE runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        command TEXT NOT NULL,
        args TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        ended_at INTEGER,
        outcome TEXT NOT NULL DEFAULT 'running',
        counts TEXT NOT NULL DEFAULT '{}'
     );
     CREATE TABLE journal (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        run_id INTEGER NOT NULL REFERENCES runs(id),
        api TEXT NOT NULL,
        object_id TEXT NOT NULL,
        field TEXT NOT NULL,
        old_value TEXT,
        new_value TEXT,
        state TEXT NOT NULL,
        at INTEGER NOT NULL,
        UNIQUE (run_id, api, object_id, field)
     );
     CREATE TABLE synced_contacts (
        intercom_id TEXT PRIMARY KEY,
        aircall_id INTEGER,
        e164 TEXT,
        fingerprint TEXT,
        state TEXT NOT NULL,
        created_by_aircom INTEGER NOT NULL DEFAULT 0,
        updated_at INTEGER NOT NULL
     );
     CREATE TABLE logged_calls (
        call_id INTEGER PRIMARY KEY,
        conversation_id TEXT,
        contact_id TEXT,
        state TEXT NOT NULL,
        run_id INTEGER,
        at INTEGER NOT NULL
     );",
    // 2: SMS logged from archived webhooks (message ids are strings).
    "CREATE TABLE logged_sms (
        message_id TEXT PRIMARY KEY,
        conversation_id TEXT,
        contact_id TEXT,
        state TEXT NOT NULL,
        run_id INTEGER,
        at INTEGER NOT NULL
     );",
    // 3: one writing run per job at a time: the lock, and which process a run is.
    "ALTER TABLE runs ADD COLUMN pid INTEGER;
     CREATE TABLE locks (
        job TEXT PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES runs(id),
        pid INTEGER NOT NULL,
        started_at INTEGER NOT NULL
     );",
    // 4: every row belongs to a workspace (the Intercom app and the Aircall company it was
    // written for). Rows from before are adopted by the first workspace that opens the
    // ledger (until now a ledger served one workspace).
    "ALTER TABLE runs ADD COLUMN workspace TEXT NOT NULL DEFAULT '';
     DROP TABLE locks;
     CREATE TABLE locks (
        job TEXT NOT NULL,
        workspace TEXT NOT NULL,
        run_id INTEGER NOT NULL REFERENCES runs(id),
        pid INTEGER NOT NULL,
        started_at INTEGER NOT NULL,
        PRIMARY KEY (job, workspace)
     );
     CREATE TABLE synced_contacts4 (
        workspace TEXT NOT NULL DEFAULT '',
        intercom_id TEXT NOT NULL,
        aircall_id INTEGER,
        e164 TEXT,
        fingerprint TEXT,
        state TEXT NOT NULL,
        created_by_aircom INTEGER NOT NULL DEFAULT 0,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (workspace, intercom_id)
     );
     INSERT INTO synced_contacts4 (intercom_id, aircall_id, e164, fingerprint, state, created_by_aircom, updated_at)
        SELECT intercom_id, aircall_id, e164, fingerprint, state, created_by_aircom, updated_at FROM synced_contacts;
     DROP TABLE synced_contacts;
     ALTER TABLE synced_contacts4 RENAME TO synced_contacts;
     CREATE TABLE logged_calls4 (
        workspace TEXT NOT NULL DEFAULT '',
        call_id INTEGER NOT NULL,
        conversation_id TEXT,
        contact_id TEXT,
        state TEXT NOT NULL,
        run_id INTEGER,
        at INTEGER NOT NULL,
        PRIMARY KEY (workspace, call_id)
     );
     INSERT INTO logged_calls4 (call_id, conversation_id, contact_id, state, run_id, at)
        SELECT call_id, conversation_id, contact_id, state, run_id, at FROM logged_calls;
     DROP TABLE logged_calls;
     ALTER TABLE logged_calls4 RENAME TO logged_calls;
     CREATE TABLE logged_sms4 (
        workspace TEXT NOT NULL DEFAULT '',
        message_id TEXT NOT NULL,
        conversation_id TEXT,
        contact_id TEXT,
        state TEXT NOT NULL,
        run_id INTEGER,
        at INTEGER NOT NULL,
        PRIMARY KEY (workspace, message_id)
     );
     INSERT INTO logged_sms4 (message_id, conversation_id, contact_id, state, run_id, at)
        SELECT message_id, conversation_id, contact_id, state, run_id, at FROM logged_sms;
     DROP TABLE logged_sms;
     ALTER TABLE logged_sms4 RENAME TO logged_sms;",
    // 5: contact creates whose outcome is unknown (a lost answer), by caller.
    "CREATE TABLE pending_contacts (
        workspace TEXT NOT NULL,
        caller TEXT NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (workspace, caller)
     );",
    // 6: a contact aircom created, kept by caller until Intercom's search can show it (a run
    // within the search lag would not find it in its contact index, and create a twin).
    "ALTER TABLE pending_contacts ADD COLUMN contact_id TEXT;
     ALTER TABLE pending_contacts ADD COLUMN role TEXT;",
];

/// Whether process `pid` is alive on this machine.
fn alive(pid: i64) -> bool {
    if pid == std::process::id() as i64 {
        return true;
    }
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return false;
        };
        if pid <= 0 {
            return false;
        }
        // Signal 0 checks existence; EPERM means it exists but belongs to someone else.
        // SAFETY: kill with signal 0 sends nothing; it only reports whether pid exists.
        let r = unsafe { libc::kill(pid, 0) };
        r == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// A ledger state stored as text: its SQL form is its `as_str`, read back strictly (an
/// unknown word is an error naming the column's type, never a silent default).
macro_rules! ledger_enum {
    ($(#[$m:meta])* pub enum $name:ident { $($(#[$vm:meta])* $var:ident = $s:literal,)+ }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
        pub enum $name {
            $($(#[$vm])* #[serde(rename = $s)] $var,)+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$var),+];

            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$var => $s,)+
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(rusqlite::types::ToSqlOutput::from(self.as_str()))
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                let text = v.as_str()?;
                $name::ALL
                    .iter()
                    .copied()
                    .find(|x| x.as_str() == text)
                    .ok_or_else(|| {
                        rusqlite::types::FromSqlError::Other(
                            format!("`{text}` is not a {}", stringify!($name)).into(),
                        )
                    })
            }
        }
    };
}

ledger_enum! {
    /// How a run ended (`running` while it runs).
    pub enum RunOutcome {
        Running = "running",
        Ok = "ok",
        /// Some items failed.
        Failed = "failed",
        /// Some writes' outcome is not known yet: the next run reconciles them.
        Unknown = "unknown",
        /// Stopped by Ctrl-C.
        Interrupted = "interrupted",
        /// Its process vanished (killed) while it ran.
        Aborted = "aborted",
        /// The user declined the prompt: nothing written.
        Cancelled = "cancelled",
    }
}

ledger_enum! {
    /// Where one journaled change stands.
    pub enum JournalState {
        /// Committed before its request was sent.
        Pending = "pending",
        Done = "done",
        /// The API said no: nothing changed.
        Failed = "failed",
        /// The answer was lost: reconciled before the next write and before undo.
        Unknown = "unknown",
        /// Found not applied when reconciled.
        Abandoned = "abandoned",
    }
}

ledger_enum! {
    /// Where one synced contact pair stands.
    pub enum SyncState {
        /// A create was about to be sent (or its answer was lost).
        Pending = "pending",
        Synced = "synced",
    }
}

ledger_enum! {
    /// Where one call's (or SMS's) logging stands.
    pub enum LogState {
        /// About to create its conversation (the id is filled in once known).
        Pending = "pending",
        /// Its conversation exists and is stamped.
        Created = "created",
        /// Logged in full by aircom.
        Done = "done",
        /// The native integration had logged it.
        Native = "native",
    }
}

pub struct Ledger {
    conn: Connection,
    path: PathBuf,
    /// The workspace every row read or written belongs to (`""` until [`Ledger::bind`]).
    workspace: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Run {
    pub id: i64,
    pub command: String,
    pub args: String,
    pub started_at: i64,
    pub ended_at: Option<i64>,
    pub outcome: RunOutcome,
    pub counts: serde_json::Value,
    /// The workspace the run wrote to (`intercom:<app> aircall:<company>`).
    pub workspace: String,
}

fn now() -> i64 {
    jiff::Timestamp::now().as_second()
}

impl Ledger {
    /// Opens (creating mode 0600) and migrates the ledger.
    pub fn open(path: &Path) -> anyhow::Result<Ledger> {
        crate::fsutil::touch_private(path)
            .with_context(|| format!("creating the ledger {}", path.display()))?;
        let conn = Connection::open(path)
            .with_context(|| format!("opening the ledger {}", path.display()))?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // Migrations run inside one IMMEDIATE transaction that re-reads the version, so two
        // processes opening a fresh ledger at once cannot both create its tables.
        {
            let tx = rusqlite::Transaction::new_unchecked(
                &conn,
                rusqlite::TransactionBehavior::Immediate,
            )?;
            let version: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
            if version as usize > MIGRATIONS.len() {
                anyhow::bail!(
                    "the ledger {} was written by a newer aircom (schema {version})",
                    path.display()
                );
            }
            for (i, m) in MIGRATIONS.iter().enumerate().skip(version as usize) {
                tx.execute_batch(m)?;
                tx.pragma_update(None, "user_version", (i + 1) as i64)?;
            }
            tx.commit()?;
        }
        // SQLite creates -wal and -shm with the process umask: keep them private too.
        for suffix in ["-wal", "-shm"] {
            let mut side = path.as_os_str().to_owned();
            side.push(suffix);
            crate::fsutil::tighten_private(std::path::Path::new(&side));
        }
        Ok(Ledger {
            conn,
            path: path.to_path_buf(),
            workspace: String::new(),
        })
    }

    /// Opens an existing ledger for reading only (`audit logging`, `doctor --with-calls`):
    /// no file, table or migration is written, and no lock taken. A ledger from before
    /// workspaces has its rows read as the workspace's, as [`Ledger::bind`] would adopt them.
    /// `None` when there is no ledger, or it is older than this aircom's schema (a writing
    /// run migrates it first).
    pub fn open_read_only(path: &Path, workspace: &str) -> anyhow::Result<Option<Ledger>> {
        if !path.exists() {
            return Ok(None);
        }
        let conn = Connection::open_with_flags(
            path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .with_context(|| format!("opening the ledger {}", path.display()))?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version as usize != MIGRATIONS.len() {
            return Ok(None);
        }
        let bound_before: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM runs WHERE workspace <> '')",
            [],
            |r| r.get(0),
        )?;
        Ok(Some(Ledger {
            conn,
            path: path.to_path_buf(),
            workspace: if bound_before {
                workspace.to_string()
            } else {
                String::new()
            },
        }))
    }

    /// Reads and writes only `workspace`'s rows from now on. Rows written before the ledger
    /// knew of workspaces are adopted by the first workspace bound.
    pub fn bind(mut self, workspace: &str) -> anyhow::Result<Ledger> {
        let tx = rusqlite::Transaction::new_unchecked(
            &self.conn,
            rusqlite::TransactionBehavior::Immediate,
        )?;
        let bound_before: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM runs WHERE workspace <> '')",
            [],
            |r| r.get(0),
        )?;
        if !bound_before {
            for table in ["runs", "synced_contacts", "logged_calls", "logged_sms"] {
                tx.execute(
                    &format!("UPDATE {table} SET workspace = ?1 WHERE workspace = ''"),
                    params![workspace],
                )?;
            }
        }
        tx.commit()?;
        self.workspace = workspace.to_string();
        Ok(self)
    }

    pub fn workspace(&self) -> &str {
        &self.workspace
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Starts a writing run of `command`, holding its lock until [`Ledger::finish_run`]: a
    /// second run of the same job fails at once with [`Busy`]. A lock whose process is gone
    /// (killed) is taken over, and its run recorded `aborted`.
    pub fn start_run(&self, command: &str, args: &str) -> anyhow::Result<i64> {
        let tx = rusqlite::Transaction::new_unchecked(
            &self.conn,
            rusqlite::TransactionBehavior::Immediate,
        )?;
        let held: Option<(i64, i64, i64)> = tx
            .query_row(
                "SELECT run_id, pid, started_at FROM locks WHERE job = ?1 AND workspace = ?2",
                params![command, self.workspace],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        if let Some((run_id, pid, started_at)) = held {
            if alive(pid) {
                return Err(crate::error::Failure::usage_hint(
                    format!(
                        "another `{command}` (run {run_id}, pid {pid}, started {}) is writing with this ledger",
                        crate::output::iso(started_at)
                    ),
                    "wait for it to finish (`aircom runs` shows it), or stop it; a run whose process is gone is taken over",
                ));
            }
            tx.execute(
                "UPDATE runs SET outcome = ?3, ended_at = COALESCE(ended_at, ?2)
                 WHERE id = ?1 AND outcome = ?4",
                params![run_id, now(), RunOutcome::Aborted, RunOutcome::Running],
            )?;
            tx.execute(
                "DELETE FROM locks WHERE job = ?1 AND workspace = ?2",
                params![command, self.workspace],
            )?;
        }
        let pid = std::process::id() as i64;
        let started = now();
        tx.execute(
            "INSERT INTO runs (command, args, started_at, pid, workspace) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![command, args, started, pid, self.workspace],
        )?;
        let id = tx.last_insert_rowid();
        tx.execute(
            "INSERT INTO locks (job, workspace, run_id, pid, started_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![command, self.workspace, id, pid, started],
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// [`Ledger::start_run`], as a guard: finish it with [`RunGuard::finish`]; dropped
    /// unfinished (an error returned early), the run is recorded `failed` and its lock freed
    /// at once, rather than left `running` until a later run reaps it.
    pub fn begin(&self, command: &str) -> anyhow::Result<RunGuard<'_>> {
        let args = std::env::args().skip(1).collect::<Vec<_>>().join(" ");
        Ok(RunGuard {
            ledger: self,
            id: self.start_run(command, &args)?,
            finished: std::cell::Cell::new(false),
        })
    }

    /// Runs still marked `running` whose process is gone were killed: record them `aborted`
    /// and free their locks.
    pub fn reap_aborted(&self) -> anyhow::Result<usize> {
        let mut st = self
            .conn
            .prepare("SELECT id, pid FROM runs WHERE outcome = ?1")?;
        let dead: Vec<i64> = st
            .query_map(params![RunOutcome::Running], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, Option<i64>>(1)?))
            })?
            .filter_map(Result::ok)
            .filter(|(_, pid)| pid.is_none_or(|p| !alive(p)))
            .map(|(id, _)| id)
            .collect();
        for id in &dead {
            self.conn.execute(
                "UPDATE runs SET outcome = ?2 WHERE id = ?1 AND outcome = ?3",
                params![id, RunOutcome::Aborted, RunOutcome::Running],
            )?;
            self.conn
                .execute("DELETE FROM locks WHERE run_id = ?1", params![id])?;
        }
        Ok(dead.len())
    }

    pub fn finish_run(
        &self,
        id: i64,
        outcome: RunOutcome,
        counts: &serde_json::Value,
    ) -> anyhow::Result<()> {
        self.conn.execute(
            "UPDATE runs SET ended_at = ?2, outcome = ?3, counts = ?4 WHERE id = ?1",
            params![id, now(), outcome, counts.to_string()],
        )?;
        self.conn
            .execute("DELETE FROM locks WHERE run_id = ?1", params![id])?;
        Ok(())
    }

    pub fn runs(&self, limit: u32) -> anyhow::Result<Vec<Run>> {
        let mut st = self.conn.prepare(
            "SELECT id, command, args, started_at, ended_at, outcome, counts, workspace FROM runs ORDER BY id DESC LIMIT ?1",
        )?;
        let rows = st.query_map(params![limit], |r| {
            let counts: String = r.get(6)?;
            Ok(Run {
                id: r.get(0)?,
                command: r.get(1)?,
                args: r.get(2)?,
                started_at: r.get(3)?,
                ended_at: r.get(4)?,
                outcome: r.get(5)?,
                counts: serde_json::from_str(&counts).unwrap_or(serde_json::Value::Null),
                workspace: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn run(&self, id: i64) -> anyhow::Result<Option<Run>> {
        Ok(self.runs(u32::MAX)?.into_iter().find(|r| r.id == id))
    }

    /// The last run of `command` that ended `ok` with `counts` true at the JSON path `flag`.
    pub fn last_ok_run_where(&self, command: &str, flag: &str) -> anyhow::Result<Option<Run>> {
        let id: Option<i64> = self
            .conn
            .query_row(
                "SELECT id FROM runs WHERE command = ?1 AND outcome = ?4 AND workspace = ?2
                   AND json_extract(counts, ?3) = 1 ORDER BY id DESC LIMIT 1",
                params![command, self.workspace, flag, RunOutcome::Ok],
                |r| r.get(0),
            )
            .optional()?;
        match id {
            Some(id) => self.run(id),
            None => Ok(None),
        }
    }

    /// The last run of `command` that ended `ok`.
    pub fn last_ok_run(&self, command: &str) -> anyhow::Result<Option<Run>> {
        let id: Option<i64> = self
            .conn
            .query_row(
                "SELECT id FROM runs WHERE command = ?1 AND outcome = ?3 AND workspace = ?2 ORDER BY id DESC LIMIT 1",
                params![command, self.workspace, RunOutcome::Ok],
                |r| r.get(0),
            )
            .optional()?;
        match id {
            Some(id) => self.run(id),
            None => Ok(None),
        }
    }
}

/// A run in progress, holding its job's lock (see [`Ledger::begin`]).
pub struct RunGuard<'l> {
    ledger: &'l Ledger,
    id: i64,
    finished: std::cell::Cell<bool>,
}

impl RunGuard<'_> {
    pub fn id(&self) -> i64 {
        self.id
    }

    /// Records how the run ended, with its counts, and frees its lock.
    pub fn finish(&self, outcome: RunOutcome, counts: &serde_json::Value) -> anyhow::Result<()> {
        self.ledger.finish_run(self.id, outcome, counts)?;
        self.finished.set(true);
        Ok(())
    }
}

impl Drop for RunGuard<'_> {
    fn drop(&mut self) {
        if !self.finished.get() {
            let _ = self.ledger.finish_run(
                self.id,
                RunOutcome::Failed,
                &serde_json::json!({"error": "the run stopped on an error"}),
            );
        }
    }
}

/// The default ledger: the platform state dir (or data dir) plus `aircom/ledger.sqlite`.
/// (Sandbox rehearsals never use it: see `Ctx::ledger_path`.)
pub fn default_path() -> PathBuf {
    let dirs = directories::ProjectDirs::from("", "", "aircom");
    let dir = dirs
        .as_ref()
        .and_then(|d| d.state_dir().map(Path::to_path_buf))
        .or_else(|| dirs.as_ref().map(|d| d.data_local_dir().to_path_buf()))
        .unwrap_or_else(|| PathBuf::from("."));
    dir.join("ledger.sqlite")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creates_private_and_migrates_once() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("l.sqlite");
        let l = Ledger::open(&p).unwrap();
        let id = l.start_run("doctor", "aircom doctor").unwrap();
        l.finish_run(id, RunOutcome::Ok, &serde_json::json!({"checked": 2}))
            .unwrap();
        drop(l);
        let l = Ledger::open(&p).unwrap();
        let runs = l.runs(10).unwrap();
        assert_eq!(runs.len(), 1);
        assert_eq!(runs[0].outcome, RunOutcome::Ok);
        assert_eq!(l.last_ok_run("doctor").unwrap().unwrap().id, id);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&p).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0, "ledger must be private: {mode:o}");
        }
    }
    /// States are stored as their words and read back strictly: every variant round-trips,
    /// and a word no aircom wrote is an error naming the type, not a silent default.
    #[test]
    fn states_round_trip_and_unknown_words_are_errors() {
        use rusqlite::types::{FromSql, ToSql, ToSqlOutput, ValueRef};
        fn round<T: ToSql + FromSql + PartialEq + std::fmt::Debug + Copy>(all: &[T]) {
            for v in all {
                let out = v.to_sql().unwrap();
                let ToSqlOutput::Borrowed(r) = out else {
                    panic!("{v:?} is not text")
                };
                assert_eq!(T::column_result(r).unwrap(), *v);
            }
        }
        round(RunOutcome::ALL);
        round(JournalState::ALL);
        round(SyncState::ALL);
        round(LogState::ALL);
        let err = LogState::column_result(ValueRef::Text(b"finished")).unwrap_err();
        assert!(err.to_string().contains("LogState"), "{err}");
    }
}

/// One change a run made, or was about to make (the undo journal).
#[derive(Debug, Clone, Serialize)]
pub struct JournalRow {
    pub id: i64,
    pub run_id: i64,
    pub api: String,
    pub object_id: String,
    pub field: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub state: JournalState,
    pub at: i64,
}

impl Ledger {
    /// Records a change as pending, before its request is sent.
    pub fn journal_pending(
        &self,
        run_id: i64,
        api: &str,
        object_id: &str,
        field: &str,
        old: Option<&str>,
        new: Option<&str>,
    ) -> anyhow::Result<i64> {
        self.conn.execute(
            "INSERT INTO journal (run_id, api, object_id, field, old_value, new_value, state, at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?8, ?7)",
            params![
                run_id,
                api,
                object_id,
                field,
                old,
                new,
                now(),
                JournalState::Pending
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Records what a write turned out to make (a create's new contact, known only once it
    /// answers).
    pub fn journal_set_new(&self, id: i64, new: Option<&str>) -> anyhow::Result<()> {
        self.conn.execute(
            "UPDATE journal SET new_value = ?2 WHERE id = ?1",
            params![id, new],
        )?;
        Ok(())
    }

    /// Records where a journal row now stands.
    pub fn journal_set(&self, id: i64, state: JournalState) -> anyhow::Result<()> {
        self.conn.execute(
            "UPDATE journal SET state = ?2, at = ?3 WHERE id = ?1",
            params![id, state, now()],
        )?;
        Ok(())
    }

    fn journal_query(
        &self,
        sql: &str,
        p: impl rusqlite::Params,
    ) -> anyhow::Result<Vec<JournalRow>> {
        let mut st = self.conn.prepare(sql)?;
        let rows = st.query_map(p, |r| {
            Ok(JournalRow {
                id: r.get(0)?,
                run_id: r.get(1)?,
                api: r.get(2)?,
                object_id: r.get(3)?,
                field: r.get(4)?,
                old_value: r.get(5)?,
                new_value: r.get(6)?,
                state: r.get(7)?,
                at: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Rows of every finished run of this workspace whose outcome is not known: `pending` (a
    /// crash came between the journal and the answer) and `unknown` (the answer was lost). A
    /// run still going (another job's, under its own lock) settles its own rows.
    pub fn journal_pending_rows(&self) -> anyhow::Result<Vec<JournalRow>> {
        self.reap_aborted()?;
        self.journal_query(
            "SELECT id, run_id, api, object_id, field, old_value, new_value, state, at
             FROM journal WHERE state IN (?2, ?3)
               AND run_id IN (SELECT id FROM runs WHERE workspace = ?1 AND outcome != ?4)
             ORDER BY id",
            params![
                self.workspace,
                JournalState::Pending,
                JournalState::Unknown,
                RunOutcome::Running
            ],
        )
    }

    /// Every row of one run, in order.
    pub fn journal_for_run(&self, run_id: i64) -> anyhow::Result<Vec<JournalRow>> {
        self.journal_query(
            "SELECT id, run_id, api, object_id, field, old_value, new_value, state, at
             FROM journal WHERE run_id = ?1 ORDER BY id",
            params![run_id],
        )
    }
}

/// A contact create aircom sent for one caller (see [`Ledger::pending_contact`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingContact {
    pub at: i64,
    /// (id, role) of the contact it made, when its answer came.
    pub contact: Option<(String, String)>,
}

/// An Intercom contact aircom synced into Aircall.
#[derive(Debug, Clone, Serialize)]
pub struct SyncedContact {
    pub intercom_id: String,
    pub aircall_id: Option<i64>,
    pub e164: Option<String>,
    pub state: SyncState,
    pub created_by_aircom: bool,
    /// What aircom last wrote for this pair (canonical JSON), when known.
    pub fingerprint: Option<String>,
}

impl Ledger {
    pub fn sync_upsert(&self, c: &SyncedContact) -> anyhow::Result<()> {
        self.conn.execute(
            "INSERT INTO synced_contacts (intercom_id, aircall_id, e164, fingerprint, state, created_by_aircom, updated_at, workspace)
             VALUES (?1, ?2, ?3, ?7, ?4, ?5, ?6, ?8)
             ON CONFLICT (workspace, intercom_id) DO UPDATE SET aircall_id = ?2, e164 = ?3, state = ?4,
               -- Ownership belongs to the pair: a row that moves to another Aircall contact
               -- (adopted after aircom's own was deleted) is owned only if aircom made that one.
               created_by_aircom = CASE WHEN ?2 IS NULL OR aircall_id IS NULL OR aircall_id = ?2
                   THEN MAX(created_by_aircom, ?5) ELSE ?5 END,
               updated_at = ?6,
               fingerprint = COALESCE(?7, fingerprint)",
            params![c.intercom_id, c.aircall_id, c.e164, c.state, c.created_by_aircom as i64, now(), c.fingerprint, self.workspace],
        )?;
        Ok(())
    }

    pub fn sync_forget(&self, intercom_id: &str) -> anyhow::Result<()> {
        self.conn.execute(
            "DELETE FROM synced_contacts WHERE intercom_id = ?1 AND workspace = ?2",
            params![intercom_id, self.workspace],
        )?;
        Ok(())
    }

    pub fn synced(&self) -> anyhow::Result<Vec<SyncedContact>> {
        let mut st = self.conn.prepare(
            "SELECT intercom_id, aircall_id, e164, state, created_by_aircom, fingerprint FROM synced_contacts WHERE workspace = ?1 ORDER BY intercom_id",
        )?;
        let rows = st.query_map(params![self.workspace], |r| {
            Ok(SyncedContact {
                intercom_id: r.get(0)?,
                aircall_id: r.get(1)?,
                e164: r.get(2)?,
                state: r.get(3)?,
                created_by_aircom: r.get::<_, i64>(4)? != 0,
                fingerprint: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// What aircom knows of one Aircall call's logging.
#[derive(Debug, Clone, Serialize)]
pub struct LoggedCall {
    pub call_id: i64,
    pub conversation_id: Option<String>,
    pub contact_id: Option<String>,
    pub state: LogState,
}

impl Ledger {
    pub fn logged_call(&self, call_id: i64) -> anyhow::Result<Option<LoggedCall>> {
        Ok(self
            .conn
            .query_row(
                "SELECT call_id, conversation_id, contact_id, state FROM logged_calls WHERE call_id = ?1 AND workspace = ?2",
                params![call_id, self.workspace],
                |r| {
                    Ok(LoggedCall {
                        call_id: r.get(0)?,
                        conversation_id: r.get(1)?,
                        contact_id: r.get(2)?,
                        state: r.get(3)?,
                    })
                },
            )
            .optional()?)
    }

    pub fn set_logged_call(&self, c: &LoggedCall, run_id: Option<i64>) -> anyhow::Result<()> {
        self.conn.execute(
            "INSERT INTO logged_calls (call_id, conversation_id, contact_id, state, run_id, at, workspace)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (workspace, call_id) DO UPDATE SET conversation_id = ?2, contact_id = ?3, state = ?4,
               run_id = COALESCE(?5, run_id), at = ?6",
            params![
                c.call_id,
                c.conversation_id,
                c.contact_id,
                c.state,
                run_id,
                now(),
                self.workspace
            ],
        )?;
        Ok(())
    }
}

impl Ledger {
    /// A contact create for `caller` (an E.164, or `anonymous`): when it was sent, and the
    /// contact it made when the answer came (`None`: the answer was lost, or never came).
    pub fn pending_contact(&self, caller: &str) -> anyhow::Result<Option<PendingContact>> {
        Ok(self
            .conn
            .query_row(
                "SELECT at, contact_id, role FROM pending_contacts WHERE workspace = ?1 AND caller = ?2",
                params![self.workspace, caller],
                |r| {
                    Ok(PendingContact {
                        at: r.get(0)?,
                        contact: match (r.get::<_, Option<String>>(1)?, r.get::<_, Option<String>>(2)?) {
                            (Some(id), Some(role)) => Some((id, role)),
                            _ => None,
                        },
                    })
                },
            )
            .optional()?)
    }

    /// Records a contact create about to be sent (kept if its outcome stays unknown).
    pub fn pending_contact_create(&self, caller: &str, at: i64) -> anyhow::Result<()> {
        self.conn.execute(
            "INSERT INTO pending_contacts (workspace, caller, at) VALUES (?1, ?2, ?3)
             ON CONFLICT (workspace, caller) DO UPDATE SET at = ?3, contact_id = NULL, role = NULL",
            params![self.workspace, caller, at],
        )?;
        Ok(())
    }

    /// Records the contact a create made, kept until search can be trusted to show it.
    pub fn pending_contact_made(&self, caller: &str, id: &str, role: &str) -> anyhow::Result<()> {
        self.conn.execute(
            "UPDATE pending_contacts SET contact_id = ?3, role = ?4 WHERE workspace = ?1 AND caller = ?2",
            params![self.workspace, caller, id, role],
        )?;
        Ok(())
    }

    /// Every contact aircom created and still keeps a row for: (caller, id, role, sent at).
    pub fn pending_contacts_made(&self) -> anyhow::Result<Vec<(String, String, String, i64)>> {
        let mut st = self.conn.prepare(
            "SELECT caller, contact_id, role, at FROM pending_contacts
             WHERE workspace = ?1 AND contact_id IS NOT NULL AND role IS NOT NULL",
        )?;
        let rows = st.query_map(params![self.workspace], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Forgets created contacts that search has surely shown since (sent before `before`).
    pub fn forget_settled_contacts(&self, before: i64) -> anyhow::Result<()> {
        self.conn.execute(
            "DELETE FROM pending_contacts WHERE workspace = ?1 AND contact_id IS NOT NULL AND at < ?2",
            params![self.workspace, before],
        )?;
        Ok(())
    }

    pub fn forget_pending_contact(&self, caller: &str) -> anyhow::Result<()> {
        self.conn.execute(
            "DELETE FROM pending_contacts WHERE workspace = ?1 AND caller = ?2",
            params![self.workspace, caller],
        )?;
        Ok(())
    }
}

impl Ledger {
    /// (state, conversation id) of one archived SMS.
    pub fn logged_sms(
        &self,
        message_id: &str,
    ) -> anyhow::Result<Option<(LogState, Option<String>)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT state, conversation_id FROM logged_sms WHERE message_id = ?1 AND workspace = ?2",
                params![message_id, self.workspace],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    pub fn set_logged_sms(
        &self,
        message_id: &str,
        state: LogState,
        conversation: Option<&str>,
        contact: Option<&str>,
        run_id: Option<i64>,
    ) -> anyhow::Result<()> {
        self.conn.execute(
            "INSERT INTO logged_sms (message_id, conversation_id, contact_id, state, run_id, at, workspace)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (workspace, message_id) DO UPDATE SET conversation_id = COALESCE(?2, conversation_id),
               contact_id = COALESCE(?3, contact_id), state = ?4, run_id = COALESCE(?5, run_id), at = ?6",
            params![message_id, conversation, contact, state, run_id, now(), self.workspace],
        )?;
        Ok(())
    }
}
