{ lib, ... }:
{
  imports = [
    { modules.services.nextcloud.reverseProxy.caddySecurity.claimRoles = lib.mkAfter [ { value = "late"; role = "guests"; } ]; }
  ];
  modules.services.nextcloud.reverseProxy.caddySecurity.claimRoles = lib.mkBefore [
    { value = "admins"; role = "admins"; claim = "roles"; }
  ];
}
