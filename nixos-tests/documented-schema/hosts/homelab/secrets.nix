# sops-nix secrets for this host (secrets/homelab.yaml, see .sops.yaml).
{
  sops = {
    defaultSopsFile = ../../secrets/homelab.yaml;
    age.sshKeyPaths = [ "/etc/ssh/ssh_host_ed25519_key" ];

    secrets."pocketid/smtp_password" = { };

    # POCKET_ID_CLIENT_ID=... / POCKET_ID_CLIENT_SECRET=... for caddy-security
    secrets."caddy/pocketid_oidc" = {
      owner = "caddy";
      restartUnits = [ "caddy.service" ];
    };
  };
}
