//! `pocketlint.toml`: rule severities, excluded paths, hosts, schema, and
//! extra modules.
//!
//! ```toml
//! schema = "auto"            # or "documented" / "extended"
//! exclude = ["vendor/**"]    # paths (globs) never read as modules
//! extra-modules = ["modules/nixos"]   # added to every host
//!
//! [rules]
//! unanchored_bypass_regex = "warning"  # off | info | warning | error
//!
//! [[hosts]]
//! name = "web"
//! entry = "hosts/web"
//! modules = ["modules/web-extra.nix"]
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::Severity;

pub const FILE_NAME: &str = "pocketlint.toml";

/// Which spelling of the global security block a repository uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SchemaChoice {
    #[default]
    Auto,
    Documented,
    Extended,
}

/// A rule's configured level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    Off,
    Info,
    Warning,
    Error,
}

impl Level {
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Info => Some(Severity::Info),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct HostConfig {
    pub name: String,
    /// The host's entry module (a file, or a directory with `default.nix`).
    pub entry: PathBuf,
    #[serde(default)]
    pub modules: Vec<PathBuf>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    #[serde(default)]
    pub schema: SchemaChoice,
    #[serde(default)]
    pub exclude: Vec<String>,
    #[serde(default)]
    pub extra_modules: Vec<PathBuf>,
    #[serde(default)]
    pub rules: BTreeMap<String, Level>,
    #[serde(default)]
    pub hosts: Vec<HostConfig>,
    /// Where the file was read from (not part of the file).
    #[serde(skip)]
    pub path: Option<PathBuf>,
}

#[derive(Debug)]
pub struct ConfigError {
    pub path: PathBuf,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

impl Config {
    /// Reads `path`, or `pocketlint.toml` at the root when it exists.
    pub fn load(root: &Path, path: Option<&Path>) -> Result<Config, ConfigError> {
        let file = if let Some(p) = path {
            p.to_path_buf()
        } else {
            let p = root.join(FILE_NAME);
            if !p.is_file() {
                return Ok(Config::default());
            }
            p
        };
        let text = std::fs::read_to_string(&file).map_err(|e| ConfigError {
            path: file.clone(),
            message: e.to_string(),
        })?;
        let mut config = Config::parse(&text).map_err(|message| ConfigError {
            path: file.clone(),
            message,
        })?;
        config.path = Some(file);
        Ok(config)
    }

    pub fn parse(text: &str) -> Result<Config, String> {
        toml::from_str(text).map_err(|e| e.to_string())
    }

    /// Whether a repository-relative path is excluded.
    pub fn is_excluded(&self, rel: &str) -> bool {
        self.exclude.iter().any(|pattern| glob_match(pattern, rel))
    }
}

/// A small glob: `*` matches within a path segment, `**` across segments, a
/// pattern without `/` matches any segment-aligned suffix or prefix
/// directory.
pub fn glob_match(pattern: &str, path: &str) -> bool {
    let pattern = pattern.trim_start_matches("./").trim_end_matches('/');
    if !pattern.contains('/') && !pattern.contains("**") {
        // A bare name or glob: any path component.
        return path.split('/').any(|seg| segment_match(pattern, seg));
    }
    let pats: Vec<&str> = pattern.split('/').collect();
    let segs: Vec<&str> = path.split('/').collect();
    match_segments(&pats, &segs)
}

fn match_segments(pats: &[&str], segs: &[&str]) -> bool {
    match pats.split_first() {
        None => true,
        Some((&"**", rest)) => (0..=segs.len()).any(|i| match_segments(rest, &segs[i..])),
        Some((p, rest)) => match segs.split_first() {
            Some((s, srest)) => segment_match(p, s) && match_segments(rest, srest),
            None => false,
        },
    }
}

fn segment_match(pattern: &str, seg: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let s: Vec<char> = seg.chars().collect();
    let (mut pi, mut si) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while si < s.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == s[si]) {
            pi += 1;
            si += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some((pi, si));
            pi += 1;
        } else if let Some((sp, ss)) = star {
            pi = sp + 1;
            si = ss + 1;
            star = Some((sp, ss + 1));
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_full_config() {
        let c = Config::parse(
            r#"
schema = "extended"
exclude = ["vendor/**", "result*"]
extra-modules = ["modules/nixos"]
[rules]
unanchored_bypass_regex = "warning"
overbroad_network = "off"
[[hosts]]
name = "web"
entry = "hosts/web"
modules = ["extra.nix"]
"#,
        )
        .unwrap();
        assert_eq!(c.schema, SchemaChoice::Extended);
        assert_eq!(c.rules["overbroad_network"], Level::Off);
        assert_eq!(c.hosts[0].modules, vec![PathBuf::from("extra.nix")]);
        assert!(c.is_excluded("vendor/x/y.nix"));
        assert!(c.is_excluded("result-2/a.nix"));
        assert!(!c.is_excluded("hosts/web/default.nix"));
    }

    #[test]
    fn unknown_keys_are_rejected() {
        assert!(Config::parse("colour = true").is_err());
    }
}
