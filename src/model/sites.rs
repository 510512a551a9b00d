//! The sites a host serves: what a service asks for joined with the
//! virtual host the repository's Caddy module registers for it.
//!
//! A service that forwards its `reverseProxy` to
//! `modules.services.caddy.virtualHosts.<name>` and that virtual host are
//! one site: the virtual host is what gets rendered, so its hostName and
//! `caddySecurity` win; a service without its own hostName takes the
//! virtual host's.

use super::{CaddySecurity, Field, Host, Known, Service, VirtualHost};

/// One site of a host: a registered virtual host (with the service that
/// registers it, when there is one), or a service on its own.
#[derive(Debug, Clone, Copy)]
pub enum Site<'h> {
    VirtualHost(&'h VirtualHost, Option<&'h Service>),
    Service(&'h Service),
}

impl<'h> Site<'h> {
    /// The virtual host's name, else the service's.
    pub fn name(&self) -> &'h str {
        match self {
            Site::VirtualHost(vh, _) => &vh.name,
            Site::Service(svc) => &svc.name,
        }
    }

    pub fn service(&self) -> Option<&'h Service> {
        match self {
            Site::VirtualHost(_, svc) => *svc,
            Site::Service(svc) => Some(svc),
        }
    }

    pub fn virtual_host(&self) -> Option<&'h VirtualHost> {
        match self {
            Site::VirtualHost(vh, _) => Some(vh),
            Site::Service(_) => None,
        }
    }

    /// The hostName the site is served under: the virtual host's, else the
    /// service's.
    pub fn host_name(&self) -> &'h Field<String> {
        match self {
            Site::VirtualHost(vh, Some(svc)) if matches!(vh.host_name.value, Known::Absent) => {
                &svc.host_name
            }
            Site::VirtualHost(vh, _) => &vh.host_name,
            Site::Service(svc) => &svc.host_name,
        }
    }

    /// The `caddySecurity` Caddy enforces for the site.
    pub fn caddy_security(&self) -> &'h CaddySecurity {
        match self {
            Site::VirtualHost(vh, _) => &vh.caddy_security,
            Site::Service(svc) => &svc.caddy_security,
        }
    }

    /// Whether the site is served (`None`: unknown). A registered virtual
    /// host is on unless its `enable` says otherwise.
    pub fn enabled(&self) -> Option<bool> {
        match self {
            Site::VirtualHost(vh, _) => match &vh.enable.value {
                Known::Value(b) => Some(*b),
                Known::Absent => Some(true),
                Known::Unknown(_) => None,
            },
            Site::Service(svc) => svc.published(),
        }
    }

    /// Whether requests to the site must log in (`None`: unknown).
    pub fn protected(&self) -> Option<bool> {
        match self.enabled() {
            Some(false) => Some(false),
            None => None,
            Some(true) => self.caddy_security().enabled(),
        }
    }
}

impl Host {
    /// The virtual host a service registers: the one with its name, else
    /// the one with its hostName.
    pub fn virtual_host_of(&self, svc: &Service) -> Option<&VirtualHost> {
        let Known::Value(vhosts) = &self.virtual_hosts.value else {
            return None;
        };
        vhosts.iter().find(|v| v.name == svc.name).or_else(|| {
            vhosts
                .iter()
                .find(|v| same_name(v.host_name.get(), svc.host_name.get()))
        })
    }

    /// Every site: each registered virtual host (with the service that
    /// registers it), then each service without a virtual host. When the
    /// virtual hosts are unknown, services stand alone.
    pub fn sites(&self) -> Vec<Site<'_>> {
        let mut out = Vec::new();
        let vhosts: &[VirtualHost] = match &self.virtual_hosts.value {
            Known::Value(v) => v,
            _ => &[],
        };
        let mut owner: Vec<Option<&Service>> = vec![None; vhosts.len()];
        let mut placed = vec![false; self.services.len()];
        // By name first, then by hostName among the virtual hosts left.
        for (si, svc) in self.services.iter().enumerate() {
            if let Some(vi) = vhosts.iter().position(|v| v.name == svc.name) {
                owner[vi] = Some(svc);
                placed[si] = true;
            }
        }
        for (si, svc) in self.services.iter().enumerate() {
            if placed[si] {
                continue;
            }
            if let Some(vi) = (0..vhosts.len()).find(|&vi| {
                owner[vi].is_none() && same_name(vhosts[vi].host_name.get(), svc.host_name.get())
            }) {
                owner[vi] = Some(svc);
                placed[si] = true;
            }
        }
        for (vh, svc) in vhosts.iter().zip(owner) {
            out.push(Site::VirtualHost(vh, svc));
        }
        for (svc, placed) in self.services.iter().zip(placed) {
            if !placed {
                out.push(Site::Service(svc));
            }
        }
        out
    }
}

/// What Caddy enforces for a service: its virtual host's `caddySecurity`
/// when the repository registers one, else the service's own; with the
/// virtual host's name.
pub fn effective<'h>(host: &'h Host, svc: &'h Service) -> (&'h CaddySecurity, Option<&'h str>) {
    match host.virtual_host_of(svc) {
        Some(vh) => (&vh.caddy_security, Some(vh.name.as_str())),
        None => (&svc.caddy_security, None),
    }
}

fn same_name(a: Option<&String>, b: Option<&String>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
        _ => false,
    }
}
