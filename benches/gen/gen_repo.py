#!/usr/bin/env python3
"""Write a NixOS flake repository shaped like a big real one (reference layout).

    gen_repo.py DEST [--hosts N] [--services M] [--seed S] [--no-mistakes] [--check]
    gen_repo.py DEST --single-host-modules K [--seed S] [--no-mistakes] [--check]

Default mode: N hosts (default 20) share one modules/nixos tree with M service
modules (default 100, one module per service), caddySecurity presets and
networks in lib/, and the shared Caddy module of the extended schema
(nixos-tests/extended-schema: SEMANTICS.md section 1.1 generator, copied
verbatim). Each host enables a seeded subset of the services.

--single-host-modules K: one host whose default.nix imports K service modules
directly (for editor-latency benchmarks).

Unless --no-mistakes is given, a fixed set of realistic mistakes is seeded at
deterministic places; DEST/README.md lists every one of them (rule,
file:line, why) in the same format as the nixos-tests READMEs. Output is a
pure function of the arguments (same arguments, byte-identical tree).

--check runs `nix-instantiate --parse` on every generated .nix file.
Standard library only.
"""

import argparse
import os
import random
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
EXTENDED = os.path.normpath(os.path.join(HERE, "..", "..", "nixos-tests", "extended-schema"))

# Well-known self-hosted apps: name -> (port, subdomain, display name).
APPS = [
    ("sonarr", 8989, "sonarr", "Sonarr"), ("radarr", 7878, "radarr", "Radarr"),
    ("lidarr", 8686, "lidarr", "Lidarr"), ("readarr", 8787, "readarr", "Readarr"),
    ("prowlarr", 9696, "prowlarr", "Prowlarr"), ("bazarr", 6767, "bazarr", "Bazarr"),
    ("jellyfin", 8096, "watch", "Jellyfin"), ("jellyseerr", 5055, "requests", "Jellyseerr"),
    ("tautulli", 8181, "tautulli", "Tautulli"), ("audiobookshelf", 8000, "audiobooks", "Audiobookshelf"),
    ("navidrome", 4533, "music", "Navidrome"), ("immich", 2283, "photos", "Immich"),
    ("photoprism", 2342, "photoprism", "PhotoPrism"), ("paperless", 28981, "docs", "Paperless-ngx"),
    ("nextcloud", 8080, "cloud", "Nextcloud"), ("vaultwarden", 8222, "vault", "Vaultwarden"),
    ("forgejo", 3000, "git", "Forgejo"), ("woodpecker", 8000, "ci", "Woodpecker CI"),
    ("grafana", 3000, "grafana", "Grafana"), ("prometheus", 9090, "prometheus", "Prometheus"),
    ("loki", 3100, "loki", "Loki"), ("alertmanager", 9093, "alerts", "Alertmanager"),
    ("uptime-kuma", 3001, "status", "Uptime Kuma"), ("gatus", 8080, "gatus", "Gatus"),
    ("homepage", 8082, "home", "Homepage"), ("mealie", 9000, "recipes", "Mealie"),
    ("tandoor", 8080, "tandoor", "Tandoor"), ("grocy", 9283, "grocy", "Grocy"),
    ("firefly-iii", 8080, "money", "Firefly III"), ("actual", 5006, "budget", "Actual Budget"),
    ("wallabag", 8080, "read", "wallabag"), ("miniflux", 8080, "rss", "Miniflux"),
    ("freshrss", 8080, "freshrss", "FreshRSS"), ("linkding", 9090, "links", "linkding"),
    ("hedgedoc", 3000, "pad", "HedgeDoc"), ("outline", 3000, "wiki", "Outline"),
    ("bookstack", 8080, "bookstack", "BookStack"), ("trilium", 8080, "notes", "Trilium"),
    ("syncthing", 8384, "sync", "Syncthing"), ("filebrowser", 8080, "files", "File Browser"),
    ("calibre-web", 8083, "library", "Calibre-Web"), ("kavita", 5000, "books", "Kavita"),
    ("komga", 25600, "comics", "Komga"), ("stirling-pdf", 8080, "pdf", "Stirling-PDF"),
    ("ntfy", 2586, "ntfy", "ntfy"), ("gotify", 8080, "gotify", "Gotify"),
    ("changedetection", 5000, "changes", "changedetection.io"), ("n8n", 5678, "n8n", "n8n"),
    ("node-red", 1880, "nodered", "Node-RED"), ("home-assistant", 8123, "ha", "Home Assistant"),
    ("zigbee2mqtt", 8080, "zigbee", "Zigbee2MQTT"), ("frigate", 5000, "nvr", "Frigate"),
    ("esphome", 6052, "esphome", "ESPHome"), ("adguard", 3000, "dns", "AdGuard Home"),
    ("unifi", 8443, "unifi", "UniFi"), ("dozzle", 8080, "logs", "Dozzle"),
    ("netdata", 19999, "netdata", "Netdata"), ("scrutiny", 8080, "disks", "Scrutiny"),
    ("speedtest-tracker", 8080, "speed", "Speedtest Tracker"), ("code-server", 4444, "code", "code-server"),
    ("jupyter", 8888, "jupyter", "JupyterLab"), ("minio", 9001, "s3", "MinIO"),
    ("pgadmin", 5050, "pgadmin", "pgAdmin"), ("searxng", 8888, "search", "SearXNG"),
    ("qbittorrent", 8080, "torrent", "qBittorrent"), ("sabnzbd", 8080, "sab", "SABnzbd"),
    ("tdarr", 8265, "tdarr", "Tdarr"), ("wizarr", 5690, "invite", "Wizarr"),
    ("recipes-api", 8000, "recipes-api", "Recipes API"), ("shlink", 8080, "s", "Shlink"),
    ("umami", 3000, "stats", "Umami"), ("plausible", 8000, "analytics", "Plausible"),
    ("rallly", 3000, "meet", "Rallly"), ("karakeep", 3000, "bookmarks", "Karakeep"),
    ("it-tools", 8080, "tools", "IT Tools"), ("excalidraw", 8080, "draw", "Excalidraw"),
    ("penpot", 9001, "design", "Penpot"), ("openwebui", 8080, "chat", "Open WebUI"),
    ("ollama", 11434, "ollama", "Ollama"), ("kiwix", 8080, "kiwix", "Kiwix"),
    ("radicale", 5232, "dav", "Radicale"), ("baikal", 8080, "baikal", "Baïkal"),
    ("snipe-it", 8080, "assets", "Snipe-IT"), ("netbox", 8080, "netbox", "NetBox"),
    ("semaphore", 3000, "ansible", "Semaphore"), ("rundeck", 4440, "jobs", "Rundeck"),
    ("healthchecks", 8000, "hc", "Healthchecks"), ("zabbix", 8080, "zabbix", "Zabbix"),
]
VARIANTS = ["anime", "4k", "kids", "archive", "staging", "lab", "eu", "us", "backup", "test"]
HOST_NAMES = [
    "atlas", "boreas", "castor", "deimos", "elara", "fornax", "gemma", "hydra", "io", "juno",
    "kepler", "lyra", "mimas", "nereid", "oberon", "pollux", "quaoar", "rhea", "sirius", "titan",
    "umbriel", "vega", "wasat", "xamidimura", "ymir", "zosma",
]
ORG = "northwind"

# Mistakes seeded into the generated tree (rule, short key).
MISTAKES = [
    "malformed_cidr", "noncanonical_cidr", "unanchored_bypass_regex", "invalid_bypass_regex",
    "unknown_policy", "bypass_without_network", "networks_without_bypass", "duplicate_hostname",
    "auth_skipped_by_extra_config", "dropped_caddy_security", "bypass_matches_everything",
    "overbroad_network",
]

PRESET_CHOICES = ["admin", "users", "media", "arr", "api"]


def nix_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("${", "\\${") + '"'


class Repo:
    def __init__(self, dest):
        self.dest = dest
        self.files = {}

    def write(self, rel, text):
        if not text.endswith("\n"):
            text += "\n"
        self.files[rel] = text

    def line_of(self, rel, needle, start=1):
        """1-based line in file `rel` of the first line (from `start`) containing needle."""
        lines = self.files[rel].split("\n")
        for i in range(start - 1, len(lines)):
            if needle in lines[i]:
                return i + 1
        raise KeyError(f"{needle!r} not in {rel}")

    def flush(self):
        if os.path.exists(self.dest):
            if os.listdir(self.dest):
                sys.exit(f"gen_repo.py: {self.dest} exists and is not empty")
        for rel in sorted(self.files):
            path = os.path.join(self.dest, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8", newline="\n") as f:
                f.write(self.files[rel])


def service_catalogue(count, rng):
    out = []
    for i in range(count):
        base = APPS[i % len(APPS)]
        rnd = i // len(APPS)
        if rnd == 0:
            name, port, sub, pretty = base
        else:
            variant = VARIANTS[(rnd - 1) % len(VARIANTS)]
            extra = "" if rnd <= len(VARIANTS) else str(rnd)
            name = f"{base[0]}-{variant}{extra}"
            port = 20000 + i
            sub = f"{base[2]}-{variant}{extra}"
            pretty = f"{base[3]} ({variant}{extra})"
        out.append({
            "name": name, "port": port, "sub": sub, "pretty": pretty,
            "style": rng.choice(["native", "native", "container"]),
            "preset": rng.choice(PRESET_CHOICES),
        })
    return out


def host_catalogue(count):
    out = []
    for i in range(count):
        name = HOST_NAMES[i] if i < len(HOST_NAMES) else f"node{i:03d}"
        out.append({"name": name, "index": i, "domain": f"{name}.{ORG}.example"})
    return out


# ----------------------------------------------------------------------------
# File templates
# ----------------------------------------------------------------------------

def gen_flake(repo, hosts):
    names = " ".join(nix_str(h["name"]) for h in hosts)
    repo.write("flake.nix", f"""{{
  description = "{ORG}: NixOS fleet";

  inputs = {{
    nixpkgs.url = "github:NixOS/nixpkgs/nixos-24.11";

    sops-nix = {{
      url = "github:Mic92/sops-nix";
      inputs.nixpkgs.follows = "nixpkgs";
    }};
  }};

  outputs = {{ self, nixpkgs, ... }}@inputs:
    let
      hosts = [ {names} ];

      mkHost = hostName: nixpkgs.lib.nixosSystem {{
        system = "x86_64-linux";
        specialArgs = {{ inherit inputs; }};
        modules = [
          ./hosts/${{hostName}}
          inputs.sops-nix.nixosModules.sops
          ./modules/nixos
        ];
      }};
    in
    {{
      nixosConfigurations = nixpkgs.lib.genAttrs hosts mkHost;
    }};
}}
""")
    repo.write(".gitignore", "result\nresult-*\n.direnv/\n")


def copy_extended(repo):
    for rel in ["modules/nixos/services/caddy/default.nix", "lib/caddy-security.nix"]:
        src = os.path.join(EXTENDED, rel)
        if not os.path.exists(src):
            sys.exit(f"gen_repo.py: missing {src} (the extended-schema test repository)")
        with open(src, encoding="utf-8") as f:
            repo.write(rel, f.read())


def gen_lib(repo, hosts, id_host, mistakes_on, mistake_hosts):
    # networks.nix: per-host trusted networks.
    lines = [
        "# Networks each machine trusts for API bypasses, by host name.",
        "#",
        "#   networks = (import ../../lib/networks.nix).${config.networking.hostName};",
        "{",
    ]
    for h in hosts:
        i = h["index"]
        lan = f"10.{i + 10}.0.0/16"
        if mistakes_on and mistake_hosts.get("noncanonical_cidr") == h["name"]:
            lan = f"10.{i + 10}.1.0/16"
        lines += [
            f"  {h['name']} = {{",
            f"    lan = [ \"{lan}\" ];",
            "    vpn = [ \"10.200.0.0/24\" ];",
            "  };",
        ]
    lines.append("}")
    repo.write("lib/networks.nix", "\n".join(lines))

    repo.write("lib/presets.nix", """# caddySecurity presets shared by every host.
#
#   presets = import ../../lib/presets.nix { inherit lib networks; };
#   caddySecurity = presets.arr;
{ lib, networks }:
let
  trusted = networks.lan ++ networks.vpn;
in
rec {
  inherit trusted;

  admin = {
    enable = true;
    policy = "admins";
  };

  users = {
    enable = true;
    policy = "default";
  };

  media = {
    enable = true;
    policy = "media";
    claimRoles = [
      { claim = "groups"; value = "family"; role = "media"; }
    ];
  };

  # *arr-style apps: API and feeds carry their own key.
  arr = admin // {
    bypassPaths = [ "/api" "/feed" ];
    allowedNetworks = trusted;
  };

  # Apps with a token-protected API used by scripts on the LAN.
  api = users // {
    bypassPaths = [ "/api" ];
    allowedNetworks = trusted;
  };
}
""")

    repo.write("lib/security.nix", f"""# caddy-security settings shared by every host.
#
#   modules.services.caddy.security = import ../../lib/security.nix {{ inherit domain; delayStart = 0; }};
{{ domain, delayStart ? 0 }}:
let
  idUrl = "https://{id_host}";
  authUrl = "/caddy-security/oauth2/{ORG}-pocketid";
in
{{
  enable = true;

  identityProviders.pocketid = {{
    driver = "generic";
    realm = "{ORG}-pocketid";
    clientId = "caddy-security";
    baseAuthUrl = idUrl;
    metadataUrl = "${{idUrl}}/.well-known/openid-configuration";
    scopes = [ "openid" "email" "profile" "groups" ];
    inherit delayStart;
  }};

  authenticationPortals.pocketid = {{
    identityProviders = [ "pocketid" ];
    cookie.domain = domain;
    extraConfig = ''
      transform user {{
        match realm {ORG}-pocketid
        action add role authenticated
      }}
    '';
  }};

  authorizationPolicies = {{
    default = {{
      inherit authUrl;
      allowRoles = [ "authenticated" ];
    }};
    admins = {{
      inherit authUrl;
      allowRoles = [ "admins" ];
    }};
    media = {{
      inherit authUrl;
      allowRoles = [ "media" "admins" ];
    }};
  }};
}}
""")


def gen_service_module(repo, svc, forgets_forward=False):
    name, pretty = svc["name"], svc["pretty"]
    rel = f"modules/nixos/services/{name}/default.nix"
    user = name.replace("-", "_") if svc["style"] == "container" else name
    if svc["style"] == "native":
        body = f"""    services.{nix_attr(name)} = {{
      enable = true;
      inherit (cfg) dataDir;
    }};
"""
    else:
        body = f"""    virtualisation.oci-containers.containers.{nix_attr(name)} = {{
      image = "ghcr.io/{ORG}-mirror/{name}:latest";
      ports = [ "127.0.0.1:${{toString cfg.reverseProxy.port}}:{svc['port']}" ];
      volumes = [ "${{cfg.dataDir}}:/data" ];
      environment.TZ = config.time.timeZone;
    }};

    users.users.{nix_attr(user)} = {{
      isSystemUser = true;
      group = {nix_str(user)};
      home = cfg.dataDir;
    }};
    users.groups.{nix_attr(user)} = {{ }};
"""
    forward = (
        "      inherit (cfg.reverseProxy) enable extraConfig;\n"
        if forgets_forward else
        "      inherit (cfg.reverseProxy) enable extraConfig caddySecurity;\n"
    )
    text = f"""# {pretty}
{{ config, lib, ... }}:
let
  cfg = config.modules.services.{nix_attr(name)};
  cs = import ../../../../lib/caddy-security.nix {{ inherit lib; }};
in
{{
  options.modules.services.{nix_attr(name)} = {{
    enable = lib.mkEnableOption {nix_str(pretty)};

    dataDir = lib.mkOption {{
      type = lib.types.str;
      default = "/var/lib/{name}";
    }};

    reverseProxy = cs.mkReverseProxyOption {{ subdomain = {nix_str(svc['sub'])}; port = {svc['port']}; }};
  }};

  config = lib.mkIf cfg.enable {{
{body}
    systemd.tmpfiles.rules = [ "d ${{cfg.dataDir}} 0750 root root -" ];

    modules.services.caddy.virtualHosts.{nix_attr(name)} = {{
{forward}      hostName = "${{cfg.reverseProxy.subdomain}}.${{config.networking.domain}}";
      backend.port = cfg.reverseProxy.port;
    }};

    assertions = [
      {{
        assertion = lib.hasPrefix "/" cfg.dataDir;
        message = "modules.services.{name}.dataDir must be an absolute path.";
      }}
    ];
  }};
}}
"""
    repo.write(rel, text)
    return rel


def nix_attr(name):
    """Attribute name: plain identifier if possible, quoted otherwise."""
    ok = name[0].isalpha() or name[0] == "_"
    ok = ok and all(c.isalnum() or c in "_-'" for c in name)
    return name if ok else nix_str(name)


def gen_pocketid_module(repo):
    repo.write("modules/nixos/services/pocketid/default.nix", """# Pocket ID, the OIDC provider behind every caddy-security portal.
{ config, lib, ... }:
let
  cfg = config.modules.services.pocketid;
  cs = import ../../../../lib/caddy-security.nix { inherit lib; };
in
{
  options.modules.services.pocketid = {
    enable = lib.mkEnableOption "Pocket ID";

    environmentFile = lib.mkOption {
      type = lib.types.nullOr lib.types.str;
      default = null;
    };

    reverseProxy = cs.mkReverseProxyOption { subdomain = "id"; port = 1411; };
  };

  config = lib.mkIf cfg.enable {
    services.pocket-id = {
      enable = true;
      inherit (cfg) environmentFile;
      settings = {
        APP_URL = "https://${cfg.reverseProxy.subdomain}.${config.networking.domain}";
        TRUST_PROXY = true;
        PORT = cfg.reverseProxy.port;
      };
    };

    modules.services.caddy.virtualHosts.pocketid = {
      inherit (cfg.reverseProxy) enable extraConfig caddySecurity;
      hostName = "${cfg.reverseProxy.subdomain}.${config.networking.domain}";
      backend.port = cfg.reverseProxy.port;
    };
  };
}
""")


def gen_modules_index(repo, services, include_services=True):
    repo.write("modules/nixos/default.nix", """# Imported by every host (see flake.nix).
{
  imports = [ ./services ];
}
""")
    lines = ["{", "  imports = [", "    ./caddy", "    ./pocketid"]
    if include_services:
        lines += [f"    ./{s['name']}" for s in services]
    lines += ["  ];", "}"]
    repo.write("modules/nixos/services/default.nix", "\n".join(lines))


def gen_hardware(repo, host, rng):
    disk = "".join(rng.choice("0123456789abcdef") for _ in range(8))
    repo.write(f"hosts/{host['name']}/hardware-configuration.nix", f"""# Generated by nixos-generate-config, trimmed.
{{ lib, modulesPath, ... }}:
{{
  imports = [ (modulesPath + "/installer/scan/not-detected.nix") ];

  boot.initrd.availableKernelModules = [ "xhci_pci" "ahci" "nvme" "usbhid" "sd_mod" ];
  boot.kernelModules = [ "kvm-{rng.choice(['intel', 'amd'])}" ];

  fileSystems."/" = {{
    device = "/dev/disk/by-uuid/{disk}-1c2d-4e5f-8a9b-{disk}0a0b";
    fsType = "ext4";
  }};

  fileSystems."/boot" = {{
    device = "/dev/disk/by-uuid/{disk[:4].upper()}-{disk[4:].upper()}";
    fsType = "vfat";
  }};

  nixpkgs.hostPlatform = lib.mkDefault "x86_64-linux";
}}
""")


class HostWriter:
    """Builds one host's default.nix line by line and records findings."""

    def __init__(self, repo, host, is_id_host, imports_modules=None):
        self.repo = repo
        self.host = host
        self.rel = f"hosts/{host['name']}/default.nix"
        self.lines = []
        self.findings = []  # (rule, needle, why, [related])
        self.is_id_host = is_id_host
        self.imports_modules = imports_modules or []

    def emit(self, *lines):
        self.lines.extend(lines)


def mistake_block(rule, svc, preset, host, payload, services_by_name):
    """(caddySecurity head, body lines, reverseProxy extra lines, needle, [(rule, why)])."""
    sname = svc["name"]
    if rule == "malformed_cidr":
        return ("presets.admin // {", [
            "        bypassPaths = [ \"/metrics\" ];",
            "        allowedNetworks = [ \"10.1.0/16\" ];",
        ], (), "10.1.0/16", [
            ("malformed_cidr", "`10.1.0/16` has three octets; Caddy's remote_ip rejects it and refuses to load the whole config."),
        ])
    if rule == "unanchored_bypass_regex":
        return ("presets.admin // {", [
            "        bypassResources = [ \"/api/v1/status\" ];",
            "        allowedNetworks = presets.trusted;",
        ], (), "/api/v1/status", [
            ("unanchored_bypass_regex", "the regex has no `^`/`$`, so it matches anywhere in the path (`/x/api/v1/status/y`)."),
            ("caddy_rejects_config", "this generator renders bypassResources as `expression {regexp(path, ...)}`, which is not valid CEL: Caddy refuses the whole config."),
        ])
    if rule == "invalid_bypass_regex":
        return ("presets.admin // {", [
            "        bypassResources = [ \"^/api/(v1|v2$\" ];",
            "        allowedNetworks = presets.trusted;",
        ], (), "(v1|v2$", [
            ("invalid_bypass_regex", "`^/api/(v1|v2$` has an unclosed group and does not compile as RE2."),
            ("caddy_rejects_config", "bypassResources is rendered as `expression {regexp(path, ...)}`, which Caddy cannot load (independent of the regex)."),
        ])
    if rule == "unknown_policy":
        return ("presets.users // { policy = \"admin\"; }", None, (), "policy = \"admin\"", [
            ("unknown_policy", "policy `admin` is not in authorizationPolicies (default, admins, media): Caddy fails to provision `authorize with admin`."),
        ])
    if rule == "bypass_without_network":
        return ("presets.admin // {", [
            "        bypassPaths = [ \"/metrics\" ];",
        ], (), "/metrics", [
            ("bypass_without_network", "the bypass has no allowedNetworks (presets.admin has none), so `/metrics*` is served without login to any client."),
        ])
    if rule == "networks_without_bypass":
        return ("presets.admin // {", [
            "        allowedNetworks = networks.lan;",
        ], (), "allowedNetworks = networks.lan", [
            ("networks_without_bypass", "allowedNetworks without bypassPaths/bypassResources generates nothing; the site is not restricted to the LAN."),
        ])
    if rule == "bypass_matches_everything":
        return ("presets.admin // {", [
            "        bypassPaths = [ \"/\" ];",
            "        allowedNetworks = presets.trusted;",
        ], (), "bypassPaths = [ \"/\" ]", [
            ("bypass_matches_everything", "`/` becomes `path /*`: every request from the trusted networks skips authentication."),
        ])
    if rule == "overbroad_network":
        return ("presets.admin // {", [
            "        bypassPaths = [ \"/api\" ];",
            "        allowedNetworks = [ \"0.0.0.0/0\" ];",
        ], (), "0.0.0.0/0", [
            ("overbroad_network", "`0.0.0.0/0` is every IPv4 client: the `/api*` bypass is public."),
        ])
    if rule == "auth_skipped_by_extra_config":
        return (preset, None, [
            "      extraConfig = ''",
            "        handle /public/* {",
            f"          reverse_proxy http://127.0.0.1:{svc['port']}",
            "        }",
            "      '';",
        ], "handle /public/*", [
            ("auth_skipped_by_extra_config", "a site-level `handle` sorts before the generated `route` blocks, so `/public/*` is proxied without authorize."),
        ])
    if rule == "duplicate_hostname":
        other = services_by_name[payload[1]]
        return (preset, None, [f"      subdomain = \"{other['sub']}\";"], "subdomain =", [
            ("duplicate_hostname", f"`{other['sub']}.{host['domain']}` is also the host name of `{other['name']}` on this host; Caddy rejects the ambiguous site definition."),
        ])
    if rule == "dropped_caddy_security":
        return (preset, None, (), "caddySecurity =", [
            ("dropped_caddy_security", f"modules/nixos/services/{sname}/default.nix forwards enable/extraConfig but not caddySecurity, so the site is served without authentication."),
        ])
    raise ValueError(rule)


def gen_host(repo, host, enabled, is_id_host, mistakes, services_by_name, single_host_imports=None):
    w = HostWriter(repo, host, is_id_host)
    name = host["name"]
    w.emit(f"# {name}: generated host ({len(enabled)} services).",
           "{ config, lib, ... }:",
           "let",
           "  inherit (config.networking) domain;",
           "  networks = (import ../../lib/networks.nix).${config.networking.hostName};",
           "  presets = import ../../lib/presets.nix { inherit lib networks; };",
           "in",
           "{",
           "  imports = [",
           "    ./hardware-configuration.nix")
    for rel in single_host_imports or []:
        w.emit(f"    ../../{rel}")
    w.emit("  ];",
           "",
           "  networking = {",
           f"    hostName = \"{name}\";",
           f"    domain = \"{host['domain']}\";",
           "  };",
           "",
           "  boot.loader.systemd-boot.enable = true;",
           "  time.timeZone = \"Etc/UTC\";",
           "  services.openssh.enable = true;",
           "",
           "  sops = {",
           f"    defaultSopsFile = ../../secrets/{name}.yaml;",
           "    secrets.\"caddy/env\" = {",
           "      owner = \"caddy\";",
           "      restartUnits = [ \"caddy.service\" ];",
           "    };")
    if is_id_host:
        w.emit("    secrets.\"pocketid/env\".owner = \"pocket-id\";")
    w.emit("  };",
           "",
           "  modules.services.caddy = {",
           "    enable = true;",
           "    acme.dnsProvider = \"cloudflare\";",
           "    environmentFile = config.sops.secrets.\"caddy/env\".path;")
    if is_id_host:
        w.emit("    # Pocket ID sits behind this same Caddy: fetch its metadata late.")
    w.emit(f"    security = import ../../lib/security.nix {{ inherit domain; delayStart = {5 if is_id_host else 0}; }};",
           "  };",
           "")
    if is_id_host:
        w.emit("  modules.services.pocketid = {",
               "    enable = true;",
               "    environmentFile = config.sops.secrets.\"pocketid/env\".path;",
               "    reverseProxy.enable = true;",
               "  };",
               "")

    mine = {}
    for rule, (h, payload) in mistakes.items():
        if h != name or payload is None:
            continue
        target = payload[0] if isinstance(payload, tuple) else payload
        mine[target] = (rule, payload)

    for svc in enabled:
        preset = f"presets.{svc['preset']}"
        if svc["name"] not in mine:
            w.emit(*block_with(svc, preset, None))
            continue
        rule, payload = mine[svc["name"]]
        head, body, rp_extra, needle, reports = mistake_block(rule, svc, preset, host, payload, services_by_name)
        lines = block_with(svc, head, body, rp_extra=rp_extra)
        base = len(w.lines)
        w.emit(*lines)
        line = base + next(i for i, l in enumerate(lines) if needle in l) + 1
        for r, why in reports:
            w.findings.append((r, line, why))

    w.emit(f"  system.stateVersion = \"24.11\";", "}")
    repo.write(w.rel, "\n".join(w.lines))
    return [(rule, w.rel, line, why) for rule, line, why in w.findings]


def block_with(svc, head, body, rp_extra=()):
    """Service block whose caddySecurity is `head` followed by `body` lines."""
    a = nix_attr(svc["name"])
    lines = [f"  modules.services.{a} = {{",
             "    enable = true;",
             "    reverseProxy = {",
             "      enable = true;"]
    lines += list(rp_extra)
    if body is None:
        lines.append(f"      caddySecurity = {head};")
    else:
        lines.append(f"      caddySecurity = {head}")
        lines += body
        lines.append("      };")
    lines += ["    };", "  };", ""]
    return lines


def gen_secrets(repo, hosts):
    keys = ["keys:", f"  - &admin age1{ORG}admin" + "0" * 40]
    rules = ["creation_rules:"]
    for h in hosts:
        keys.append(f"  - &{h['name']} age1{h['name']}" + "0" * (50 - len(h['name'])))
        rules += [f"  - path_regex: secrets/{h['name']}\\.yaml$",
                  f"    key_groups: [{{ age: [*admin, *{h['name']}] }}]"]
        repo.write(f"secrets/{h['name']}.yaml",
                   "# sops-encrypted; generated placeholders only\n"
                   "caddy:\n    env: ENC[AES256_GCM,data:placeholder,iv:placeholder,tag:placeholder,type:str]\n"
                   "sops:\n    version: 3.9.4\n")
    repo.write(".sops.yaml", "\n".join(keys + rules))


def gen_readme(repo, args, hosts, services, findings, mode):
    lines = [
        f"# {ORG} fleet (generated)",
        "",
        "Generated by `benches/gen/gen_repo.py` for pocketlint benchmarks and end-to-end tests:",
        "",
        "```",
        f"gen_repo.py DEST {mode} --seed {args.seed}{'' if args.mistakes else ' --no-mistakes'}",
        "```",
        "",
        f"- {len(hosts)} host(s) under `hosts/`, {len(services)} service module(s) under `modules/nixos/services/`.",
        "- Extended schema; `modules/nixos/services/caddy/default.nix` and `lib/caddy-security.nix` are copied",
        "  verbatim from `nixos-tests/extended-schema` (the SEMANTICS.md §1.1 generator).",
        "- Presets: `lib/presets.nix` (caddySecurity), `lib/networks.nix` (per-host networks),",
        "  `lib/security.nix` (identity provider, portal, policies; realm `" + ORG + "-pocketid`).",
        f"- Pocket ID runs on `{hosts[0]['name']}` (`id.{hosts[0]['domain']}`).",
        "",
        "## Findings a correct linter must report",
        "",
    ]
    if not findings:
        lines.append("None: generated with `--no-mistakes`, every host is clean.")
    else:
        lines += ["| rule | location | why |", "| --- | --- | --- |"]
        for rule, rel, line, why in sorted(findings, key=lambda f: (f[1], f[2], f[0])):
            lines.append(f"| {rule} | `{rel}:{line}` | {why} |")
    lines += [
        "",
        "## Must not be reported",
        "",
        "- The `authenticated` role of the `default` policy comes from the raw `transform user` in the",
        "  portal's `extraConfig` (`lib/security.nix`): not unreachable_role.",
        "- `presets.arr` / `presets.api` bypasses are guarded by `presets.trusted` (LAN + VPN).",
        "- `presets.media` maps group `family` to role `media` with the default realm, which is the",
        "  provider's realm: no transform realm problem.",
        "- The Pocket ID site itself is not protected (`caddySecurity` left at its default).",
        "- Every `config.sops.secrets.\"...\".path` reference has a matching declaration in the same host.",
    ]
    repo.write("README.md", "\n".join(lines))


def choose_mistakes(hosts, enabled_by_host, rng):
    """rule -> (host name, payload): payload is a service name, a pair of
    service names (duplicate_hostname) or None (noncanonical_cidr)."""
    out = {}
    used = {h["name"]: set() for h in hosts}
    for n, rule in enumerate(MISTAKES):
        for attempt in range(len(hosts)):
            host = hosts[(n * 7 + 3 + attempt) % len(hosts)]
            hname = host["name"]
            free = [s for s in enabled_by_host[hname] if s["name"] not in used[hname]]
            if rule == "noncanonical_cidr":
                # Needs a bypass that really uses the host's LAN list.
                users = [s for s in free if s["preset"] in ("arr", "api")]
                if users:
                    used[hname].add(users[0]["name"])
                    out[rule] = (hname, None)
                    break
            elif rule == "duplicate_hostname":
                if len(free) >= 2:
                    a, b = rng.sample([s["name"] for s in free], 2)
                    used[hname] |= {a, b}
                    out[rule] = (hname, (a, b))
                    break
            elif free:
                x = rng.choice(free)["name"]
                used[hname].add(x)
                out[rule] = (hname, x)
                break
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dest")
    ap.add_argument("--hosts", type=int, default=20)
    ap.add_argument("--services", type=int, default=100)
    ap.add_argument("--single-host-modules", type=int, metavar="K")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-mistakes", dest="mistakes", action="store_false")
    ap.add_argument("--check", action="store_true", help="nix-instantiate --parse every file")
    args = ap.parse_args()

    rng = random.Random(args.seed)
    repo = Repo(args.dest)
    copy_extended(repo)

    if args.single_host_modules is not None:
        if args.single_host_modules < 1:
            ap.error("--single-host-modules must be >= 1")
        hosts = host_catalogue(1)
        services = service_catalogue(args.single_host_modules, rng)
        mode = f"--single-host-modules {args.single_host_modules}"
    else:
        if args.hosts < 1 or args.services < 1:
            ap.error("--hosts and --services must be >= 1")
        hosts = host_catalogue(args.hosts)
        services = service_catalogue(args.services, rng)
        mode = f"--hosts {args.hosts} --services {args.services}"
    by_name = {s["name"]: s for s in services}

    # Which services each host enables.
    enabled_by_host = {}
    for h in hosts:
        if args.single_host_modules is not None:
            en = list(services)
        else:
            en = [s for s in services if rng.random() < 0.3]
            if not en:
                en = [services[h["index"] % len(services)]]
        enabled_by_host[h["name"]] = en

    mistakes = choose_mistakes(hosts, enabled_by_host, rng) if args.mistakes else {}

    # The service whose module forgets to forward caddySecurity is enabled
    # only on the host that carries that mistake.
    dropped = mistakes.get("dropped_caddy_security")
    if dropped:
        for hname, en in enabled_by_host.items():
            if hname != dropped[0]:
                enabled_by_host[hname] = [s for s in en if s["name"] != dropped[1]]

    id_host = f"id.{hosts[0]['domain']}"
    gen_flake(repo, hosts)
    gen_lib(repo, hosts, id_host, bool(mistakes), {k: v[0] for k, v in mistakes.items()})
    gen_pocketid_module(repo)
    module_rels = [gen_service_module(repo, s, forgets_forward=bool(dropped) and s["name"] == dropped[1])
                   for s in services]
    single = args.single_host_modules is not None
    gen_modules_index(repo, services, include_services=not single)
    gen_secrets(repo, hosts)

    findings = []
    for h in hosts:
        gen_hardware(repo, h, rng)
        findings += gen_host(repo, h, enabled_by_host[h["name"]], h["index"] == 0, mistakes, by_name,
                             single_host_imports=[os.path.dirname(r) for r in module_rels] if single else None)

    if "noncanonical_cidr" in mistakes:
        hname = mistakes["noncanonical_cidr"][0]
        idx = hosts[[h["name"] for h in hosts].index(hname)]["index"]
        line = repo.line_of("lib/networks.nix", f"10.{idx + 10}.1.0/16")
        host_text = repo.files[f"hosts/{hname}/default.nix"]
        users = [blk.split(" ", 1)[0].strip('"') for blk in host_text.split("\n  modules.services.")[1:]
                 if "presets.arr" in blk.split("\n  };")[0] or "presets.api" in blk.split("\n  };")[0]
                 or "presets.trusted" in blk.split("\n  };")[0]]
        findings.append(("noncanonical_cidr", "lib/networks.nix", line,
                         f"`10.{idx + 10}.1.0/16` has host bits set (Caddy treats it as `10.{idx + 10}.0.0/16`); "
                         f"reported once for host `{hname}`, used by the bypasses of: {', '.join(users) or '(none)'}."))
    if dropped:
        rel = f"modules/nixos/services/{dropped[1]}/default.nix"
        findings.append(("dropped_caddy_security", rel,
                         repo.line_of(rel, "inherit (cfg.reverseProxy) enable extraConfig;"),
                         "the vhost registration omits `caddySecurity` (see the host entry above)."))

    gen_readme(repo, args, hosts, services, findings, mode)
    repo.flush()

    if args.check:
        if not shutil.which("nix-instantiate"):
            sys.exit("gen_repo.py: --check needs nix-instantiate (apt-get install nix-bin)")
        bad = 0
        for rel in sorted(repo.files):
            if rel.endswith(".nix"):
                r = subprocess.run(["nix-instantiate", "--parse", os.path.join(args.dest, rel)],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
                if r.returncode != 0:
                    bad += 1
                    print(f"parse error: {rel}\n{r.stderr}", file=sys.stderr)
        n = sum(1 for r in repo.files if r.endswith(".nix"))
        print(f"checked {n} .nix files, {bad} parse errors")
        if bad:
            sys.exit(1)


if __name__ == "__main__":
    main()
