{
  imports = [ ./services ];
}
