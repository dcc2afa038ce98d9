//! The server's host key and the keys of who may watch.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use anyhow::{bail, Context};
use russh::keys::ssh_key::{self, LineEnding};
use russh::keys::{Algorithm, HashAlg, PrivateKey, PublicKey};

/// `SHA256:...`, as `ssh-keygen -l` and OpenSSH's logs print it.
pub fn fingerprint(key: &PublicKey) -> String {
    key.fingerprint(HashAlg::Sha256).to_string()
}

/// Read the host key at `path`, or create an Ed25519 one there (mode
/// 0600, folder 0700) when it does not exist. Returns the key and whether
/// it was created. A key others can read is refused, as OpenSSH does.
pub fn load_or_create_host_key(path: &Path) -> anyhow::Result<(PrivateKey, bool)> {
    match fs::metadata(path) {
        Ok(meta) => {
            let mode = meta.permissions().mode() & 0o777;
            if mode & 0o077 != 0 {
                bail!(
                    "host key {} is readable by others (mode {mode:o}); run `chmod 600 {}`",
                    path.display(),
                    path.display()
                );
            }
            let key = PrivateKey::read_openssh_file(path)
                .with_context(|| format!("cannot read host key {}", path.display()))?;
            if key.is_encrypted() {
                bail!(
                    "host key {} is passphrase-protected; the server needs one without",
                    path.display()
                );
            }
            Ok((key, false))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let key = PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519)
                .context("cannot generate a host key")?;
            write_private(path, &key)?;
            Ok((key, true))
        }
        Err(e) => Err(e).with_context(|| format!("cannot read host key {}", path.display())),
    }
}

fn write_private(path: &Path, key: &PrivateKey) -> anyhow::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if !dir.exists() {
            fs::create_dir_all(dir)
                .with_context(|| format!("cannot create folder {}", dir.display()))?;
            let _ = fs::set_permissions(dir, fs::Permissions::from_mode(0o700));
        }
    }
    let text = key
        .to_openssh(LineEnding::LF)
        .context("cannot encode the host key")?;
    // Written whole beside it, then linked into place: a failed write
    // (disk full) leaves no empty key to block every later start, and the
    // link, like create_new, never replaces a key another server just wrote.
    let tmp = path.with_file_name(format!(
        ".{}.{}.tmp",
        path.file_name()
            .map_or("host_key".into(), |n| n.to_string_lossy()),
        std::process::id()
    ));
    let written = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&tmp)
        .and_then(|mut file| {
            file.write_all(text.as_bytes())?;
            file.sync_all()
        })
        .and_then(|()| fs::hard_link(&tmp, path));
    let _ = fs::remove_file(&tmp);
    written.with_context(|| format!("cannot write host key {}", path.display()))
}

/// Options that only forbid what sitmon never allows anyway. A key with any
/// other option (`from=`, `command=`, `expiry-time=`...) is refused rather
/// than let in with a restriction ignored.
const HARMLESS_OPTIONS: &[&str] = &[
    "restrict",
    "pty",
    "no-port-forwarding",
    "no-agent-forwarding",
    "no-x11-forwarding",
    "no-user-rc",
];

/// The keys in an OpenSSH `authorized_keys` file, re-read when the file
/// changes so that adding or removing a viewer needs no restart. It fails
/// closed: a deleted or unreadable file lets nobody in, a malformed line is
/// skipped with a warning while the others apply, and every change is
/// announced so that sessions of revoked keys can be closed.
pub struct AuthorizedKeys {
    path: PathBuf,
    state: Mutex<Loaded>,
    /// Bumped on every change of the list in force.
    changes: tokio::sync::watch::Sender<u64>,
}

struct Loaded {
    /// The file's stamp when last read; `None`: unreadable.
    stamp: Option<Stamp>,
    keys: Vec<PublicKey>,
}

impl AuthorizedKeys {
    /// Read `path` now; an unreadable file is an error here (later, it
    /// means nobody may connect). Malformed lines are skipped with a
    /// warning, here as later.
    pub fn load(path: &Path) -> anyhow::Result<AuthorizedKeys> {
        let (keys, stamp) = read_keys(path)?;
        Ok(AuthorizedKeys {
            path: path.to_path_buf(),
            state: Mutex::new(Loaded {
                stamp: Some(stamp),
                keys,
            }),
            changes: tokio::sync::watch::Sender::new(0),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn len(&self) -> usize {
        self.lock().keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Loaded> {
        // A panic while holding it cannot leave the list half-written.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Told of every change of the keys in force.
    pub fn subscribe(&self) -> tokio::sync::watch::Receiver<u64> {
        self.changes.subscribe()
    }

    /// Re-read the file if it changed (or went away, or came back).
    pub fn refresh(&self) {
        let stamp = fs::metadata(&self.path).ok().map(|m| stamp_of(&m));
        let mut state = self.lock();
        if stamp.is_some() && stamp == state.stamp {
            return;
        }
        let before = std::mem::take(&mut state.keys);
        match read_keys(&self.path) {
            Ok((keys, stamp)) => {
                tracing::info!(
                    file = %self.path.display(),
                    keys = keys.len(),
                    "authorized keys reloaded"
                );
                *state = Loaded {
                    stamp: Some(stamp),
                    keys,
                };
            }
            Err(e) => {
                if state.stamp.is_some() {
                    tracing::error!(error = %format!("{e:#}"),
                        "the authorized keys cannot be read: NOBODY may connect until they can, \
                         and open sessions are closed");
                }
                *state = Loaded {
                    stamp: None,
                    keys: Vec::new(),
                };
            }
        }
        let changed = state.keys != before;
        drop(state);
        if changed {
            self.changes.send_modify(|n| *n += 1);
        }
    }

    /// Whether `key` may watch, after re-reading the file if it changed.
    pub fn allows(&self, key: &PublicKey) -> bool {
        self.refresh();
        self.lock()
            .keys
            .iter()
            .any(|k| k.key_data() == key.key_data())
    }
}

/// What tells a changed file: its mtime, length and inode (a file renamed
/// over it within one mtime tick, of the same length, is still seen).
type Stamp = (Option<SystemTime>, u64, u64);

fn stamp_of(m: &fs::Metadata) -> Stamp {
    use std::os::unix::fs::MetadataExt;
    (m.modified().ok(), m.len(), m.ino())
}

fn read_keys(path: &Path) -> anyhow::Result<(Vec<PublicKey>, Stamp)> {
    let meta = fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
    let text =
        fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut keys = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let entry: ssh_key::authorized_keys::Entry = match line.parse() {
            Ok(e) => e,
            Err(e) => {
                tracing::warn!(file = %path.display(), line = n + 1, error = %e,
                    "line skipped: not a public key");
                continue;
            }
        };
        if let Some(opt) = entry
            .config_opts()
            .iter()
            .find(|o| !HARMLESS_OPTIONS.contains(&o.to_ascii_lowercase().as_str()))
        {
            tracing::warn!(
                file = %path.display(),
                line = n + 1,
                option = %crate::logging::Untrusted(opt),
                "key refused: sitmon cannot honour this option"
            );
            continue;
        }
        keys.push(entry.public_key().clone());
    }
    Ok((keys, stamp_of(&meta)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn public_line(key: &PrivateKey) -> String {
        key.public_key().to_openssh().expect("openssh")
    }

    #[test]
    fn host_key_is_created_private_then_reused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("state/host_key");
        let (first, created) = load_or_create_host_key(&path).expect("created");
        assert!(created);
        let mode = fs::metadata(&path).expect("written").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let (again, created) = load_or_create_host_key(&path).expect("read");
        assert!(!created);
        assert_eq!(
            fingerprint(first.public_key()),
            fingerprint(again.public_key())
        );
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).expect("chmod");
        let e = load_or_create_host_key(&path).expect_err("readable by others");
        assert!(e.to_string().contains("chmod 600"), "{e}");
    }

    #[test]
    fn authorized_keys_are_reread_when_the_file_changes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("authorized_keys");
        let alice = PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519).expect("key");
        let bob = PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519).expect("key");
        fs::write(
            &path,
            format!("# viewers\n\n{} alice\n", public_line(&alice)),
        )
        .expect("w");
        let keys = AuthorizedKeys::load(&path).expect("load");
        assert_eq!(keys.len(), 1);
        assert!(keys.allows(alice.public_key()));
        assert!(!keys.allows(bob.public_key()));
        // Bob is added (a different length, so the change is seen even
        // within one mtime tick).
        fs::write(
            &path,
            format!("{} alice\n{} bob\n", public_line(&alice), public_line(&bob)),
        )
        .expect("w");
        assert!(keys.allows(bob.public_key()));
        // A malformed line is skipped; the valid lines apply, and a key
        // left out is revoked.
        let changes = keys.subscribe();
        fs::write(
            &path,
            format!(
                "ssh-ed25519 not-base64 broken\n{} alice\n",
                public_line(&alice)
            ),
        )
        .expect("w");
        assert!(!keys.allows(bob.public_key()), "bob was removed");
        assert!(keys.allows(alice.public_key()));
        assert!(changes.has_changed().expect("open"), "sessions are told");
        // A deleted file lets nobody in.
        fs::remove_file(&path).expect("rm");
        assert!(!keys.allows(alice.public_key()), "fails closed");
        // Back: the keys apply again.
        fs::write(&path, format!("{} alice\n", public_line(&alice))).expect("w");
        assert!(keys.allows(alice.public_key()));
    }

    #[test]
    fn keys_with_restrictions_sitmon_cannot_honour_are_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("authorized_keys");
        let a = PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519).expect("key");
        let b = PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519).expect("key");
        fs::write(
            &path,
            format!(
                "restrict,pty {} a\nfrom=\"10.0.0.0/8\" {} b\n",
                public_line(&a),
                public_line(&b)
            ),
        )
        .expect("w");
        let keys = AuthorizedKeys::load(&path).expect("load");
        assert!(keys.allows(a.public_key()));
        assert!(
            !keys.allows(b.public_key()),
            "from= cannot be checked: refused"
        );
        let e = AuthorizedKeys::load(&dir.path().join("missing"))
            .err()
            .expect("missing file");
        assert!(e.to_string().contains("cannot read"), "{e}");
    }
}
