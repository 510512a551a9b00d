{ siteName, ... }:
{
  port = 3002;
  paths = [ "/${siteName}/api" ];
}
