//! Store paths of local files, computed the way Nix names them when a path
//! is interpolated into a string (`"${./file}"`): the SHA-256 of the file's
//! NAR serialisation, folded into a `source` store path. Nothing is copied
//! anywhere; only the name is computed.

use std::path::Path;

use sha2::{Digest, Sha256};

use crate::vfs::{EntryKind, FsError, Vfs};

pub enum StoreError {
    /// The path is outside the repository root: its content is unknown.
    Outside,
    Fs(FsError),
}

impl From<FsError> for StoreError {
    fn from(e: FsError) -> Self {
        match e {
            FsError::OutsideRoot(_) => StoreError::Outside,
            other => StoreError::Fs(other),
        }
    }
}

pub fn store_path_for(vfs: &Vfs, path: &Path) -> Result<String, StoreError> {
    let mut nar = Vec::new();
    write_str(&mut nar, b"nix-archive-1");
    serialize(vfs, path, &mut nar, 0)?;
    let nar_hash = Sha256::digest(&nar);
    let name = path.file_name().map_or_else(
        || "source".to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    Ok(make_store_path("source", &hex(&nar_hash), &name))
}

/// A store path for `text` added with `builtins.toFile`-like semantics.
pub fn text_store_path(name: &str, text: &str) -> String {
    let h = Sha256::digest(text.as_bytes());
    make_store_path("text", &hex(&h), name)
}

fn make_store_path(kind: &str, hash_hex: &str, name: &str) -> String {
    let fingerprint = format!("{kind}:sha256:{hash_hex}:/nix/store:{name}");
    let digest = Sha256::digest(fingerprint.as_bytes());
    let mut compressed = [0u8; 20];
    for (i, b) in digest.iter().enumerate() {
        compressed[i % 20] ^= b;
    }
    format!("/nix/store/{}-{name}", nix_base32(&compressed))
}

fn serialize(vfs: &Vfs, path: &Path, out: &mut Vec<u8>, depth: u32) -> Result<(), StoreError> {
    if depth > 256 {
        return Err(StoreError::Fs(FsError::Io(
            path.to_path_buf(),
            "directory tree too deep".into(),
        )));
    }
    let meta = std::fs::symlink_metadata(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            FsError::NotFound(path.to_path_buf())
        } else {
            FsError::Io(path.to_path_buf(), e.to_string())
        }
    })?;
    if !vfs.lexically_inside(path) {
        return Err(StoreError::Outside);
    }
    write_str(out, b"(");
    if meta.file_type().is_symlink() {
        let target =
            std::fs::read_link(path).map_err(|e| FsError::Io(path.to_path_buf(), e.to_string()))?;
        write_str(out, b"type");
        write_str(out, b"symlink");
        write_str(out, b"target");
        write_str(out, target.to_string_lossy().as_bytes());
    } else if meta.is_dir() {
        write_str(out, b"type");
        write_str(out, b"directory");
        for (name, _) in vfs.read_dir(path)? {
            write_str(out, b"entry");
            write_str(out, b"(");
            write_str(out, b"name");
            write_str(out, name.as_bytes());
            write_str(out, b"node");
            serialize(vfs, &path.join(&name), out, depth + 1)?;
            write_str(out, b")");
        }
    } else {
        let _ = EntryKind::Regular;
        write_str(out, b"type");
        write_str(out, b"regular");
        if is_executable(&meta) {
            write_str(out, b"executable");
            write_str(out, b"");
        }
        write_str(out, b"contents");
        let data = vfs.read_bytes(path)?;
        write_str(out, &data);
    }
    write_str(out, b")");
    Ok(())
}

#[cfg(unix)]
fn is_executable(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::PermissionsExt;
    meta.permissions().mode() & 0o111 != 0
}

#[cfg(not(unix))]
fn is_executable(_: &std::fs::Metadata) -> bool {
    false
}

fn write_str(out: &mut Vec<u8>, s: &[u8]) {
    out.extend_from_slice(&(s.len() as u64).to_le_bytes());
    out.extend_from_slice(s);
    let pad = (8 - s.len() % 8) % 8;
    out.extend(std::iter::repeat_n(0u8, pad));
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// Nix's base-32 (its own alphabet, least significant digit last).
pub fn nix_base32(bytes: &[u8]) -> String {
    const CHARS: &[u8; 32] = b"0123456789abcdfghijklmnpqrsvwxyz";
    let len = (bytes.len() * 8 - 1) / 5 + 1;
    let mut out = String::with_capacity(len);
    for n in (0..len).rev() {
        let b = n * 5;
        let i = b / 8;
        let j = b % 8;
        let lo = u32::from(bytes[i]) >> j;
        let hi = if i + 1 < bytes.len() {
            u32::from(bytes[i + 1]) << (8 - j)
        } else {
            0
        };
        out.push(CHARS[((lo | hi) & 0x1f) as usize] as char);
    }
    out
}
