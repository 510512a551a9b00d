# `lib` functions pocketlint does not implement are unknown however they
# are reached: selected, inherited, through getAttr or hasAttr. Nothing is
# reported.
{ lib, ... }:
let
  inherit (lib) someFutureHelper;
  viaGetAttr = builtins.getAttr "anotherFutureHelper" lib;
in
{
  networking.domain = "example.com";
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = someFutureHelper "grafana";
    extraConfig = if builtins.hasAttr "yetAnother" lib then viaGetAttr "x" else "";
  };
}
