//! What Caddy (and the caddy-security plugin) do with the values a
//! configuration pastes into a Caddyfile: Go regular expressions, the
//! `remote_ip` matcher's address syntax, and the `path` matcher. Pure
//! functions, shared by the model, the lints and the request simulator;
//! `caddyfile` reads whole Caddyfiles (sites, routes in Caddy's order, CEL).

pub mod caddyfile;
pub mod go_regex;
pub mod path_match;
pub mod remote_ip;
