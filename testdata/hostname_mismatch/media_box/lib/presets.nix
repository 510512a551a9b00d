{
  users = {
    enable = true;
    policy = "users";
  };
  lanApi = {
    enable = true;
    policy = "users";
    bypassPaths = [ "/api" ];
    allowedNetworks = [ "192.168.30.0/24" ];
  };
}
