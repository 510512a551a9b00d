# helper: an attrset with an unused throwing attribute
{ good = "ok"; bad = throw "bad attr forced"; }
