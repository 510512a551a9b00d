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

/// The virtual host a service is paired with (see [`Host::pairings`]).
#[derive(Debug, Clone, Copy)]
pub enum VhostOf<'h> {
    Found(&'h VirtualHost),
    /// No virtual host is the service's: none is registered under its
    /// name or its hostName, or the repository has no virtual-host layer
    /// (`virtual_hosts` absent).
    Missing,
    /// It cannot be told (the reason): the virtual hosts are unknown, or
    /// no name matches and a hostName that could is unknown. Unknown is
    /// not false: callers stay silent.
    Unknown(&'h str),
}

impl Host {
    /// The one pairing of services with the virtual hosts they register,
    /// in the order of `self.services`. The shared Caddy module registers
    /// a service under its own attribute name, so the name is the stronger
    /// evidence: a virtual host named like a service is that service's;
    /// the services left take, in order, the first virtual host with their
    /// hostName (case-insensitive) that no other service owns.
    pub fn pairings(&self) -> Vec<VhostOf<'_>> {
        let vhosts = match &self.virtual_hosts.value {
            Known::Value(v) => v,
            Known::Absent => return vec![VhostOf::Missing; self.services.len()],
            Known::Unknown(r) => return vec![VhostOf::Unknown(r); self.services.len()],
        };
        let mut owned = vec![false; vhosts.len()];
        let mut out: Vec<Option<VhostOf<'_>>> = vec![None; self.services.len()];
        for (si, svc) in self.services.iter().enumerate() {
            if let Some(vi) = vhosts.iter().position(|v| v.name == svc.name) {
                owned[vi] = true;
                out[si] = Some(VhostOf::Found(&vhosts[vi]));
            }
        }
        for (si, svc) in self.services.iter().enumerate() {
            if out[si].is_some() {
                continue;
            }
            let found = (0..vhosts.len()).find(|&vi| {
                !owned[vi] && same_name(vhosts[vi].host_name.get(), svc.host_name.get())
            });
            out[si] = Some(if let Some(vi) = found {
                owned[vi] = true;
                VhostOf::Found(&vhosts[vi])
            } else if let Some(r) = svc.host_name.value.unknown_reason() {
                VhostOf::Unknown(r)
            } else if let Some(r) = (0..vhosts.len())
                .filter(|&vi| !owned[vi])
                .find_map(|vi| vhosts[vi].host_name.value.unknown_reason())
            {
                VhostOf::Unknown(r)
            } else {
                VhostOf::Missing
            });
        }
        out.into_iter()
            .map(|p| p.unwrap_or(VhostOf::Missing))
            .collect()
    }

    /// Every site: each registered virtual host (with the service paired
    /// with it), then each service without one (including every service
    /// when the virtual hosts are unknown).
    pub fn sites(&self) -> Vec<Site<'_>> {
        let vhosts: &[VirtualHost] = match &self.virtual_hosts.value {
            Known::Value(v) => v,
            _ => &[],
        };
        let pairings = self.pairings();
        let mut out: Vec<Site<'_>> = vhosts
            .iter()
            .map(|vh| {
                let owner = self
                    .services
                    .iter()
                    .zip(&pairings)
                    .find_map(|(svc, p)| match p {
                        VhostOf::Found(v) if std::ptr::eq(*v, vh) => Some(svc),
                        _ => None,
                    });
                Site::VirtualHost(vh, owner)
            })
            .collect();
        for (svc, p) in self.services.iter().zip(&pairings) {
            if !matches!(p, VhostOf::Found(_)) {
                out.push(Site::Service(svc));
            }
        }
        out
    }
}

impl<'h> VhostOf<'h> {
    /// What Caddy enforces for `svc`, paired this way: its virtual host's
    /// `caddySecurity` when it has one, else the service's own; with the
    /// virtual host's name. `Err(reason)` when it cannot be told which
    /// virtual host serves the service: the service's own settings may not
    /// be what is enforced, so they are not offered in its place.
    pub fn enforced(
        self,
        svc: &'h Service,
    ) -> Result<(&'h CaddySecurity, Option<&'h str>), &'h str> {
        match self {
            VhostOf::Found(vh) => Ok((&vh.caddy_security, Some(vh.name.as_str()))),
            VhostOf::Missing => Ok((&svc.caddy_security, None)),
            VhostOf::Unknown(reason) => Err(reason),
        }
    }
}

fn same_name(a: Option<&String>, b: Option<&String>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
        _ => false,
    }
}
