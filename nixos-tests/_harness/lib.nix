# A small, approximate emulation of nixpkgs `lib` and its module system,
# written only to check the test repositories with real Nix (no nixpkgs is
# available here). Not an oracle: it follows lib's documented behaviour for
# the constructs the test repositories use.
let
  b = builtins;

  lib = rec {
    # ---- trivial -------------------------------------------------------
    id = x: x;
    const = x: _: x;
    flip = f: a: c: f c a;
    pipe = v: fs: b.foldl' (acc: f: f acc) v fs;
    boolToString = x: if x then "true" else "false";
    warn = msg: v: b.trace "warning: ${msg}" v;
    isFunction = f: b.isFunction f || (f ? __functor);
    functionArgs = f: if f ? __functor then f.__functionArgs or (functionArgs (f.__functor f)) else b.functionArgs f;

    # ---- lists ---------------------------------------------------------
    foldl' = b.foldl';
    foldl = b.foldl';
    foldr = op: nul: list:
      let
        len = b.length list;
        go = n: if n == len then nul else op (b.elemAt list n) (go (n + 1));
      in
      go 0;
    concatMap = b.concatMap;
    concatLists = b.concatLists;
    flatten = x: if b.isList x then b.concatMap flatten x else [ x ];
    unique = b.foldl' (acc: e: if b.elem e acc then acc else acc ++ [ e ]) [ ];
    elem = b.elem;
    any = b.any;
    all = b.all;
    filter = b.filter;
    head = b.head;
    tail = b.tail;
    last = l: b.elemAt l (b.length l - 1);
    range = first: last: if first > last then [ ] else b.genList (n: first + n) (last - first + 1);
    optional = c: x: if c then [ x ] else [ ];
    optionals = c: x: if c then x else [ ];
    length = b.length;
    imap1 = f: list: b.genList (n: f (n + 1) (b.elemAt list n)) (b.length list);
    imap0 = f: list: b.genList (n: f n (b.elemAt list n)) (b.length list);
    count = pred: b.foldl' (c: x: if pred x then c + 1 else c) 0;
    toList = x: if b.isList x then x else [ x ];
    reverseList = xs: let l = b.length xs; in b.genList (n: b.elemAt xs (l - n - 1)) l;
    sort = b.sort;
    take = n: l: b.genList (i: b.elemAt l i) (if n < b.length l then n else b.length l);
    findFirst = pred: default: list: let f = b.filter pred list; in if f == [ ] then default else b.head f;

    # ---- strings -------------------------------------------------------
    optionalString = c: s: if c then s else "";
    concatStrings = b.concatStringsSep "";
    concatStringsSep = b.concatStringsSep;
    concatMapStrings = f: l: concatStrings (map f l);
    concatMapStringsSep = sep: f: l: b.concatStringsSep sep (map f l);
    lowerChars = [ "a" "b" "c" "d" "e" "f" "g" "h" "i" "j" "k" "l" "m" "n" "o" "p" "q" "r" "s" "t" "u" "v" "w" "x" "y" "z" ];
    upperChars = [ "A" "B" "C" "D" "E" "F" "G" "H" "I" "J" "K" "L" "M" "N" "O" "P" "Q" "R" "S" "T" "U" "V" "W" "X" "Y" "Z" ];
    toLower = b.replaceStrings upperChars lowerChars;
    toUpper = b.replaceStrings lowerChars upperChars;
    hasPrefix = p: s: b.substring 0 (b.stringLength p) s == p;
    hasSuffix = x: s:
      let ls = b.stringLength s; lx = b.stringLength x; in
      lx <= ls && b.substring (ls - lx) lx s == x;
    hasInfix = x: s: b.match ".*${escapeRegex x}.*" s != null;
    removePrefix = p: s: if hasPrefix p s then b.substring (b.stringLength p) (-1) s else s;
    removeSuffix = x: s:
      if hasSuffix x s then b.substring 0 (b.stringLength s - b.stringLength x) s else s;
    escapeRegex = s: b.replaceStrings
      [ "\\" "[" "]" "{" "}" "(" ")" "^" "$" "*" "+" "?" "." "|" ]
      [ "\\\\" "\\[" "\\]" "\\{" "\\}" "\\(" "\\)" "\\^" "\\$" "\\*" "\\+" "\\?" "\\." "\\|" ]
      s;
    splitString = sep: s: b.filter b.isString (b.split (escapeRegex sep) s);
    replaceStrings = b.replaceStrings;
    versionAtLeast = v1: v2: b.compareVersions v1 v2 >= 0;
    versionOlder = v1: v2: b.compareVersions v2 v1 == 1;
    fileContents = file: removeSuffix "\n" (b.readFile file);
    escapeShellArg = arg: "'${b.replaceStrings [ "'" ] [ "'\\''" ] (toString arg)}'";
    stringLength = b.stringLength;
    substring = b.substring;

    # ---- attrsets ------------------------------------------------------
    mapAttrs = b.mapAttrs;
    attrNames = b.attrNames;
    attrValues = b.attrValues;
    listToAttrs = b.listToAttrs;
    nameValuePair = name: value: { inherit name value; };
    mapAttrs' = f: set: b.listToAttrs (map (attr: f attr set.${attr}) (b.attrNames set));
    mapAttrsToList = f: attrs: map (name: f name attrs.${name}) (b.attrNames attrs);
    filterAttrs = pred: set: b.listToAttrs (b.concatMap
      (name: let v = set.${name}; in if pred name v then [ (nameValuePair name v) ] else [ ])
      (b.attrNames set));
    genAttrs = names: f: b.listToAttrs (map (n: nameValuePair n (f n)) names);
    optionalAttrs = c: as: if c then as else { };
    attrByPath = attrPath: default: set:
      if attrPath == [ ] then set
      else if set ? ${b.head attrPath} then attrByPath (b.tail attrPath) default set.${b.head attrPath}
      else default;
    hasAttrByPath = attrPath: set:
      if attrPath == [ ] then true
      else b.isAttrs set && set ? ${b.head attrPath} && hasAttrByPath (b.tail attrPath) set.${b.head attrPath};
    getAttrFromPath = attrPath: set:
      attrByPath attrPath (throw "cannot find attribute `${b.concatStringsSep "." attrPath}'") set;
    setAttrByPath = attrPath: value:
      if attrPath == [ ] then value
      else { ${b.head attrPath} = setAttrByPath (b.tail attrPath) value; };
    zipAttrsWith = f: sets: b.zipAttrsWith f sets;
    recursiveUpdateUntil = pred: lhs: rhs:
      let
        f = attrPath: b.zipAttrsWith (n: values:
          let here = attrPath ++ [ n ]; in
          if b.length values == 1 || pred here (b.elemAt values 1) (b.head values)
          then b.head values
          else f here values);
      in
      f [ ] [ rhs lhs ];
    recursiveUpdate = lhs: rhs:
      recursiveUpdateUntil (path: l: r: !(b.isAttrs l && b.isAttrs r)) lhs rhs;
    isAttrs = b.isAttrs;
    isList = b.isList;
    isString = b.isString;

    # ---- module-system properties ---------------------------------------
    mkIf = condition: content: { _type = "if"; inherit condition content; };
    mkMerge = contents: { _type = "merge"; inherit contents; };
    mkOverride = priority: content: { _type = "override"; inherit priority content; };
    mkOptionDefault = mkOverride 1500;
    mkDefault = mkOverride 1000;
    mkImageMediaOverride = mkOverride 60;
    mkForce = mkOverride 50;
    mkVMOverride = mkOverride 10;
    mkOrder = priority: content: { _type = "order"; inherit priority content; };
    mkBefore = mkOrder 500;
    mkAfter = mkOrder 1500;

    mkOption = attrs: attrs // { _type = "option"; };
    mkEnableOption = name: mkOption {
      default = false;
      example = true;
      description = "Whether to enable ${name}.";
      type = types.bool;
    };
    mkPackageOption = pkgs: name: extra: mkOption {
      type = types.package;
      default = pkgs.${if b.isList name then b.head name else name} or (throw "pkgs stub: no ${toString name}");
      description = "The ${toString name} package to use.";
    };
    literalExpression = text: { _type = "literalExpression"; inherit text; };
    isOption = v: b.isAttrs v && (v._type or "") == "option";

    # ---- types -----------------------------------------------------------
    mergeEqualOption = loc: defs:
      let first = b.head defs; in
      b.foldl'
        (acc: d:
          if d.value == acc then acc
          else throw "The option `${showOption loc}' has conflicting definition values:\n- In `${first.file}': ${b.toJSON first.value}\n- In `${d.file}': ${b.toJSON d.value}")
        first.value
        defs;
    mergeOneOption = loc: defs:
      if b.length defs == 1 then (b.head defs).value
      else mergeEqualOption loc defs;
    showOption = loc: b.concatStringsSep "." loc;

    mkOptionType = { name, check ? (_: true), merge ? mergeEqualOption, description ? name, getSubOptions ? (_: { }), nestedTypes ? { }, ... }@attrs:
      { _type = "option-type"; inherit name check merge description getSubOptions nestedTypes; } // attrs;

    types = rec {
      bool = mkOptionType { name = "bool"; check = b.isBool; };
      int = mkOptionType { name = "int"; check = b.isInt; };
      ints = {
        unsigned = mkOptionType { name = "unsignedInt"; check = x: b.isInt x && x >= 0; };
        positive = mkOptionType { name = "positiveInt"; check = x: b.isInt x && x > 0; };
        between = lo: hi: mkOptionType { name = "intBetween"; check = x: b.isInt x && x >= lo && x <= hi; };
      };
      port = mkOptionType { name = "port"; check = x: b.isInt x && x >= 0 && x <= 65535; };
      float = mkOptionType { name = "float"; check = b.isFloat; };
      number = mkOptionType { name = "number"; check = x: b.isInt x || b.isFloat x; };
      str = mkOptionType { name = "str"; check = b.isString; };
      nonEmptyStr = mkOptionType { name = "nonEmptyStr"; check = x: b.isString x && b.match "[ \t\n]*" x == null; };
      singleLineStr = mkOptionType { name = "singleLineStr"; check = x: b.isString x && b.match ".*\n.*" x == null; };
      separatedString = sep: mkOptionType {
        name = "separatedString";
        check = b.isString;
        merge = loc: defs: b.concatStringsSep sep (map (d: d.value) defs);
      };
      lines = separatedString "\n";
      commas = separatedString ",";
      envVar = separatedString ":";
      string = separatedString "";
      path = mkOptionType { name = "path"; check = x: b.isPath x || (b.isString x && b.substring 0 1 x == "/"); };
      package = mkOptionType { name = "package"; merge = mergeOneOption; };
      raw = mkOptionType { name = "raw"; merge = mergeOneOption; };
      unspecified = mkOptionType {
        name = "unspecified";
        merge = loc: defs:
          if b.all (d: b.isList d.value) defs then b.concatMap (d: d.value) defs
          else mergeEqualOption loc defs;
      };
      attrs = mkOptionType { name = "attrs"; check = b.isAttrs; merge = loc: defs: b.foldl' (a: d: a // d.value) { } defs; };
      anything = mkOptionType {
        name = "anything";
        merge = loc: defs:
          let vs = map (d: d.value) defs; in
          if b.all b.isAttrs vs then
            b.mapAttrs (n: ds: (mergeDefinitions (loc ++ [ n ]) anything ds).mergedValue)
              (b.zipAttrsWith (n: xs: xs) (map (d: b.mapAttrs (n: v: { inherit (d) file; value = v; }) d.value) defs))
          else if b.all b.isList vs then b.concatLists vs
          else mergeEqualOption loc defs;
      };
      enum = values: mkOptionType {
        name = "enum";
        description = "one of ${b.toJSON values}";
        check = x: b.elem x values;
      };
      nullOr = elemType: mkOptionType {
        name = "nullOr";
        check = x: x == null || elemType.check x;
        merge = loc: defs:
          let nrNulls = count (d: d.value == null) defs; in
          if nrNulls == b.length defs then null
          else if nrNulls != 0 then throw "The option `${showOption loc}' is defined both null and not null"
          else elemType.merge loc defs;
        getSubOptions = elemType.getSubOptions;
        nestedTypes.elemType = elemType;
      };
      either = t1: t2: mkOptionType {
        name = "either";
        check = x: t1.check x || t2.check x;
        merge = loc: defs:
          if b.all (d: t1.check d.value) defs then t1.merge loc defs
          else if b.all (d: t2.check d.value) defs then t2.merge loc defs
          else mergeOneOption loc defs;
      };
      oneOf = ts: b.foldl' either (b.head ts) (b.tail ts);
      listOf = elemType: mkOptionType {
        name = "listOf";
        check = b.isList;
        merge = loc: defs:
          map (x: x.value) (b.filter (x: x ? value) (b.concatLists (imap1
            (n: def: imap1
              (m: v: (mergeDefinitions (loc ++ [ "[definition ${toString n}-entry ${toString m}]" ]) elemType
                [{ inherit (def) file; value = v; }]).optionalValue)
              def.value)
            defs)));
        nestedTypes.elemType = elemType;
      };
      attrsOf = elemType: mkOptionType {
        name = "attrsOf";
        check = b.isAttrs;
        merge = loc: defs:
          b.mapAttrs (n: v: v.value) (filterAttrs (n: v: v ? value) (b.zipAttrsWith
            (name: ds: (mergeDefinitions (loc ++ [ name ]) elemType ds).optionalValue)
            (map (def: b.mapAttrs (n: v: { inherit (def) file; value = v; }) def.value) defs)));
        nestedTypes.elemType = elemType;
      };
      lazyAttrsOf = attrsOf;
      functionTo = t: mkOptionType { name = "functionTo"; merge = mergeOneOption; };
      submoduleWith = { modules, specialArgs ? { }, shorthandOnlyDefinesConfig ? false }: mkOptionType {
        name = "submodule";
        check = x: b.isAttrs x || b.isFunction x;
        merge = loc: defs:
          (evalModules {
            inherit specialArgs;
            prefix = loc;
            args = { name = b.elemAt loc (b.length loc - 1); };
            modules = modules ++ map (d: { _file = d.file; config = d.value; _shorthand = true; }) defs;
          }).config;
        submoduleModules = modules;
      };
      submodule = m: submoduleWith { modules = toList m; shorthandOnlyDefinesConfig = true; };
    };

    # ---- definitions -----------------------------------------------------
    dischargeProperties = def:
      if (def._type or "") == "merge" then b.concatMap dischargeProperties def.contents
      else if (def._type or "") == "if" then
        (if b.isBool def.condition then
          (if def.condition then dischargeProperties def.content else [ ])
        else throw "mkIf called with a non-Boolean condition")
      else [ def ];

    filterOverrides = defs:
      let
        getPrio = d: if (d.value._type or "") == "override" then d.value.priority else 100;
        highest = b.foldl' (p: d: let q = getPrio d; in if q < p then q else p) 9999 defs;
        strip = d:
          if (d.value._type or "") == "override"
          then map (v: d // { value = v; }) (dischargeProperties d.value.content)
          else [ d ];
      in
      b.concatMap strip (b.filter (d: getPrio d == highest) defs);

    sortProperties = defs:
      let
        strip = d: if (d.value._type or "") == "order" then d // { value = d.value.content; inherit (d.value) priority; } else d // { priority = 1000; };
      in
      b.sort (x: y: x.priority < y.priority) (map strip defs);

    mergeDefinitions = loc: type: defs:
      let
        discharged = b.concatMap (d: map (v: { inherit (d) file; value = v; }) (dischargeProperties d.value)) defs;
        final = map (d: { inherit (d) file value; }) (sortProperties (filterOverrides discharged));
        bad = b.filter (d: !(type.check d.value)) final;
        isDefined = final != [ ];
        mergedValue =
          if !isDefined then throw "The option `${showOption loc}' was accessed but has no value defined. Try setting the option."
          else if bad != [ ] then throw "A definition for option `${showOption loc}' is not of type `${type.description}'. Definition in `${(b.head bad).file}': ${b.toJSON (b.head bad).value}"
          else type.merge loc final;
      in
      {
        inherit mergedValue isDefined;
        optionalValue = if isDefined then { value = mergedValue; } else { };
      };

    # Properties at namespace level (not under an option): push mkIf /
    # mkOverride into the attributes, flatten mkMerge.
    pushDownProperties = cfg:
      if (cfg._type or "") == "merge" then b.concatMap pushDownProperties cfg.contents
      else if (cfg._type or "") == "if" then map (b.mapAttrs (n: v: mkIf cfg.condition v)) (pushDownProperties cfg.content)
      else if (cfg._type or "") == "override" then map (b.mapAttrs (n: v: mkOverride cfg.priority v)) (pushDownProperties cfg.content)
      else [ cfg ];

    # ---- evalModules -----------------------------------------------------
    evalModules = { modules, specialArgs ? { }, prefix ? [ ], args ? { } }:
      let
        pkgsStub = { };
        allArgs = { inherit lib config options; pkgs = pkgsStub; modulesPath = ./nixos-modules; } // args // specialArgs;

        applyArgs = f: f (b.intersectAttrs (functionArgs f) allArgs);

        # Returns a list of normalized modules { key, file, options, config, imports, disabled }.
        load = file: key: m:
          if b.isPath m || b.isString m then
            let
              p = if b.pathExists (m + "/default.nix") then m + "/default.nix" else m;
            in
            load (toString p) (toString p) (import p)
          else if isFunction m then load file key (applyArgs m)
          else
            let
              shorthand = m._shorthand or false;
              explicit = !shorthand && (m ? config || m ? options);
              f = m._file or file;
            in
            {
              key = m.key or key;
              file = f;
              imports = if shorthand then [ ] else m.imports or [ ];
              disabled = if shorthand then [ ] else map toString (m.disabledModules or [ ]);
              options = if shorthand then { } else m.options or { };
              config =
                if shorthand then
                  (if isFunction m.config then applyArgs m.config else m.config)
                else if explicit then m.config or { }
                else removeAttrs m [ "imports" "_file" "key" "disabledModules" "meta" "_class" ];
            };

        # Breadth-first collection (matches the oracle's observed order).
        bfs = level:
          if level == [ ] then [ ]
          else level ++ bfs (b.concatLists (map
            (mod: imap1 (i: c: load mod.file "${mod.key}:imports[${toString i}]" c) mod.imports)
            level));

        rawList = bfs (imap1 (i: m: load "<unknown-file>" "<root>:${toString i}" m) modules);
        # Dedupe by key (first wins), then honour disabledModules.
        deduped = b.foldl' (acc: m: if b.elem m.key acc.keys then acc else { keys = acc.keys ++ [ m.key ]; mods = acc.mods ++ [ m ]; }) { keys = [ ]; mods = [ ]; } rawList;
        disabledKeys = b.concatMap (m: m.disabled) deduped.mods;
        mods = b.filter (m: !(b.elem m.key disabledKeys)) deduped.mods;

        # Merge option declaration trees.
        mergeOptionTrees = loc: trees:
          let opts = b.filter isOption trees; in
          if opts != [ ] then
            (if b.length opts == 1 && b.length trees == 1 then b.head opts
            else if b.all (o: (o.type.name or "") == "submodule") opts then
              (b.head opts) // { type = types.submoduleWith { modules = b.concatMap (o: o.type.submoduleModules) opts; }; }
            else throw "The option `${showOption loc}' is declared more than once.")
          else
            b.zipAttrsWith (n: ts: mergeOptionTrees (loc ++ [ n ]) ts) (b.filter b.isAttrs trees);

        options = mergeOptionTrees prefix (map (m: m.options) mods);

        defsOf = map (m: { inherit (m) file; value = m.config; }) mods;

        evalNode = loc: optNode: defs:
          if optNode != null && isOption optNode then
            let
              # lib merges plain-option definitions in reverse collection
              # order (see the oracle's traps); submodules keep the order.
              isSub = b.elem optNode.type.name [ "submodule" "attrsOf" ] || (optNode.type.name == "nullOr" && optNode.type.nestedTypes.elemType.name == "submodule");
              ordered = if isSub then defs else reverseList defs;
              withDefault = ordered ++ optional (optNode ? default) { file = "<option default>"; value = mkOptionDefault optNode.default; };
            in
            (mergeDefinitions loc optNode.type withDefault).mergedValue
          else if optNode != null then
            let
              pushed = b.concatMap
                (d: map (v: { inherit (d) file; value = v; }) (
                  let vs = pushDownProperties d.value; in
                  if b.all b.isAttrs vs then vs
                  else throw "definition of non-option `${showOption loc}' in ${d.file} is not an attribute set"
                ))
                defs;
              names = unique (b.attrNames optNode ++ b.concatMap (d: b.attrNames d.value) pushed);
            in
            b.listToAttrs (map
              (n: nameValuePair n (evalNode (loc ++ [ n ]) (optNode.${n} or null)
                (b.concatMap (d: if d.value ? ${n} then [{ inherit (d) file; value = d.value.${n}; }] else [ ]) pushed)))
              names)
          else
          # Undeclared: merge structurally.
            let
              final = map (d: { inherit (d) file value; }) (sortProperties (filterOverrides
                (b.concatMap (d: map (v: { inherit (d) file; value = v; }) (dischargeProperties d.value)) defs)));
              vs = map (d: d.value) final;
            in
            if final == [ ] then throw "undeclared `${showOption loc}': all definitions are conditional and false"
            else if b.all b.isAttrs vs && !(b.any (v: v ? outPath || v ? _type) vs) then evalNode loc { } final
            else if b.all b.isList vs then b.concatLists vs
            else mergeEqualOption loc final;

        config = evalNode prefix options defsOf;
      in
      { inherit config options; _mods = mods; };
  };
in
lib // {
  # internal helper used above
}
