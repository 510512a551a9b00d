# Protection presets: one per audience.
{
  household = { enable = true; };

  guests = {
    enable = true;
    portal = "guests";
    policy = "guests";
  };
}
