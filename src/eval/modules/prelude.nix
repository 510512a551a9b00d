# pocketlint's own implementation of the parts of nixpkgs' `lib` that
# NixOS configurations call. The evaluator passes `native` (the module
# system entry points written in Rust) and merges the result into `lib`.
# Anything not defined here is an unknown value when selected from `lib`.
native:
let
  b = builtins;

  trivial = rec {
    id = x: x;
    const = x: _: x;
    flip = f: a: c: f c a;
    pipe = value: fns: b.foldl' (acc: f: f acc) value fns;
    concat = x: y: x ++ y;
    or = x: y: x || y;
    and = x: y: x && y;
    xor = x: y: (!x) != (!y);
    bitAnd = b.bitAnd;
    bitOr = b.bitOr;
    bitXor = b.bitXor;
    bitNot = b.sub (-1);
    boolToString = v: if v then "true" else "false";
    mergeAttrs = x: y: x // y;
    max = x: y: if x > y then x else y;
    min = x: y: if x < y then x else y;
    mod = base: int: base - (int * (b.div base int));
    compare = a: c: if a < c then -1 else if a > c then 1 else 0;
    splitByAndCompare = p: yes: no: a: c:
      if p a then (if p c then yes a c else -1) else (if p c then 1 else no a c);
    importJSON = path: b.fromJSON (b.readFile path);
    importTOML = path: b.fromTOML (b.readFile path);
    warn = msg: v: b.trace "warning: ${msg}" v;
    warnIf = cond: msg: if cond then warn msg else id;
    warnIfNot = cond: msg: if cond then id else warn msg;
    throwIf = cond: msg: if cond then throw msg else id;
    throwIfNot = cond: msg: if cond then id else throw msg;
    info = msg: b.trace "INFO: ${msg}";
    showWarnings = warnings: res: b.foldl' (acc: w: warn w acc) res warnings;
    fix = f: let x = f x; in x;
    fix' = f: let x = f x // { __unfix__ = f; }; in x;
    extends = f: rattrs: self: let super = rattrs self; in super // f self super;
    toFunction = v: if b.isFunction v then v else _: v;
    isFunction = b.isFunction;
    functionArgs = f: if f ? __functor then f.__functionArgs or (b.functionArgs (f.__functor f)) else b.functionArgs f;
    setFunctionArgs = f: args: { __functor = self: f; __functionArgs = args; };
    mirrorFunctionArgs = f: g: setFunctionArgs g (functionArgs f);
    inNixShell = false;
    isInOldestRelease = _: true;
    oldestSupportedRelease = 2311;
    seq = b.seq;
    deepSeq = b.deepSeq;
    defaultTo = default: maybe: if maybe == null then default else maybe;
    toHexString = n: let
      digits = [ "0" "1" "2" "3" "4" "5" "6" "7" "8" "9" "A" "B" "C" "D" "E" "F" ];
      go = k: if k < 16 then b.elemAt digits k else go (b.div k 16) + b.elemAt digits (mod k 16);
    in go n;
  };

  lists = rec {
    inherit (b) head tail length elem elemAt filter map genList concatLists concatMap sort partition any all;
    singleton = x: [ x ];
    forEach = xs: f: map f xs;
    foldr = op: nul: list:
      let len = b.length list; go = n: if n == len then nul else op (b.elemAt list n) (go (n + 1));
      in go 0;
    fold = foldr;
    foldl = op: nul: list: b.foldl' op nul list;
    foldl' = op: acc: list: b.foldl' op acc list;
    imap0 = f: list: b.genList (n: f n (b.elemAt list n)) (b.length list);
    imap1 = f: list: b.genList (n: f (n + 1) (b.elemAt list n)) (b.length list);
    ifilter0 = p: list: map (i: b.elemAt list i) (b.filter (i: p i (b.elemAt list i)) (b.genList (i: i) (b.length list)));
    flatten = x: if b.isList x then b.concatMap flatten x else [ x ];
    remove = e: b.filter (x: x != e);
    findSingle = pred: default: multiple: list:
      let found = b.filter pred list; n = b.length found;
      in if n == 0 then default else if n != 1 then multiple else b.head found;
    findFirstIndex = pred: default: list:
      let go = i: if i >= b.length list then default else if pred (b.elemAt list i) then i else go (i + 1);
      in go 0;
    findFirst = pred: default: list:
      let i = findFirstIndex pred null list; in if i == null then default else b.elemAt list i;
    count = pred: b.foldl' (c: x: if pred x then c + 1 else c) 0;
    optional = cond: elem: if cond then [ elem ] else [ ];
    optionals = cond: elems: if cond then elems else [ ];
    toList = x: if b.isList x then x else [ x ];
    range = first: last: if first > last then [ ] else b.genList (n: first + n) (last - first + 1);
    replicate = n: elem: b.genList (_: elem) n;
    groupBy' = op: nul: pred: lst: b.mapAttrs (_: b.foldl' op nul) (b.groupBy pred lst);
    groupBy = b.groupBy;
    zipListsWith = f: fst: snd:
      b.genList (n: f (b.elemAt fst n) (b.elemAt snd n)) (trivial.min (b.length fst) (b.length snd));
    zipLists = zipListsWith (fst: snd: { inherit fst snd; });
    reverseList = xs: let l = b.length xs; in b.genList (n: b.elemAt xs (l - n - 1)) l;
    sortOn = f: list: map (p: p.v) (b.sort (x: y: x.k < y.k) (map (v: { k = f v; inherit v; }) list));
    compareLists = cmp: a: c:
      if a == [ ] then (if c == [ ] then 0 else -1)
      else if c == [ ] then 1
      else let r = cmp (b.head a) (b.head c); in if r == 0 then compareLists cmp (b.tail a) (b.tail c) else r;
    take = count: sublist 0 count;
    drop = count: list: sublist count (b.length list) list;
    takeEnd = n: xs: drop (trivial.max 0 (b.length xs - n)) xs;
    dropEnd = n: xs: take (trivial.max 0 (b.length xs - n)) xs;
    sublist = start: count: list:
      let len = b.length list;
      in b.genList (n: b.elemAt list (n + start))
        (if start >= len then 0 else if start + count > len then len - start else count);
    last = list: assert list != [ ]; b.elemAt list (b.length list - 1);
    init = list: assert list != [ ]; take (b.length list - 1) list;
    crossLists = f: foldl (fs: args: b.concatMap (f: map f args) fs) [ f ];
    unique = b.foldl' (acc: e: if b.elem e acc then acc else acc ++ [ e ]) [ ];
    allUnique = list: b.length (unique list) == b.length list;
    intersectLists = e: b.filter (x: b.elem x e);
    subtractLists = e: b.filter (x: !(b.elem x e));
    mutuallyExclusive = a: c: b.length a == 0 || !(b.any (x: b.elem x c) a);
    listDfs = stopOnCycles: before: list:
      let
        dfs' = us: visited: rest:
          let c = b.filter (x: before x us) visited; bs = b.filter (x: !(before x us)) rest;
          in if b.length c > 0 then (if stopOnCycles then { cycle = us; loops = c; inherit visited rest; } else (if b.length bs == 0 then { minimal = us; inherit visited rest; } else dfs' (b.head bs) ([ us ] ++ visited) (remove (b.head bs) rest)))
          else if b.length bs == 0 then { minimal = us; inherit visited rest; }
          else dfs' (b.head bs) ([ us ] ++ visited) (remove (b.head bs) rest);
      in dfs' (b.head list) [ ] (b.tail list);
  };

  strings = rec {
    inherit (b) stringLength substring concatStringsSep replaceStrings match split toString;
    concatStrings = b.concatStringsSep "";
    concatMapStrings = f: list: concatStrings (map f list);
    concatImapStrings = f: list: concatStrings (lists.imap1 f list);
    intersperse = separator: list:
      if list == [ ] || b.length list == 1 then list
      else b.tail (b.concatMap (x: [ separator x ]) list);
    concatMapStringsSep = sep: f: list: b.concatStringsSep sep (map f list);
    concatImapStringsSep = sep: f: list: b.concatStringsSep sep (lists.imap1 f list);
    concatLines = list: concatStrings (map (s: s + "\n") list);
    makeSearchPath = subDir: paths: b.concatStringsSep ":" (map (path: path + "/" + subDir) (b.filter (x: x != null) paths));
    makeSearchPathOutput = output: subDir: pkgs: makeSearchPath subDir pkgs;
    makeLibraryPath = makeSearchPath "lib";
    makeBinPath = makeSearchPath "bin";
    optionalString = cond: string: if cond then string else "";
    hasPrefix = pref: str: substring 0 (stringLength pref) str == pref;
    hasSuffix = suffix: content:
      let lenContent = stringLength content; lenSuffix = stringLength suffix;
      in lenContent >= lenSuffix && substring (lenContent - lenSuffix) lenContent content == suffix;
    hasInfix = infix: content: b.match ".*${escapeRegex infix}.*" "${content}" != null;
    stringToCharacters = s: b.genList (p: substring p 1 s) (stringLength s);
    stringAsChars = f: s: concatStrings (map f (stringToCharacters s));
    escape = list: replaceStrings list (map (c: "\\${c}") list);
    escapeRegex = escape (stringToCharacters "\\[{()^$?*+|.");
    escapeShellArg = arg:
      let s = b.toString arg;
      in if b.match "[[:alnum:],._+:@%/-]+" s == null then "'${replaceStrings [ "'" ] [ "'\\''" ] s}'" else s;
    escapeShellArgs = concatMapStringsSep " " escapeShellArg;
    escapeNixString = s: escape [ "$" ] (b.toJSON s);
    escapeNixIdentifier = s: if b.match "[a-zA-Z_][a-zA-Z0-9_'-]*" s != null then s else escapeNixString s;
    escapeXML = replaceStrings [ "\"" "'" "<" ">" "&" ] [ "&quot;" "&apos;" "&lt;" "&gt;" "&amp;" ];
    escapeURL = let
      unreserved = [ "A" "B" "C" "D" "E" "F" "G" "H" "I" "J" "K" "L" "M" "N" "O" "P" "Q" "R" "S" "T" "U" "V" "W" "X" "Y" "Z" "a" "b" "c" "d" "e" "f" "g" "h" "i" "j" "k" "l" "m" "n" "o" "p" "q" "r" "s" "t" "u" "v" "w" "x" "y" "z" "0" "1" "2" "3" "4" "5" "6" "7" "8" "9" "-" "_" "." "~" ];
      hex = n: let h = trivial.toHexString n; in if stringLength h == 1 then "0${h}" else h;
      encodeChar = c: if b.elem c unreserved then c else "%" + hex (charToInt c);
    in s: stringAsChars encodeChar s;
    lowerChars = stringToCharacters "abcdefghijklmnopqrstuvwxyz";
    upperChars = stringToCharacters "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    toLower = replaceStrings upperChars lowerChars;
    toUpper = replaceStrings lowerChars upperChars;
    toSentenceCase = str: if str == "" then str else toUpper (substring 0 1 str) + toLower (substring 1 (stringLength str) str);
    charToInt = c: let
      table = b.listToAttrs (b.genList (i: { name = b.fromJSON "\"\\u00${trivial.toHexString (i / 16)}${trivial.toHexString (trivial.mod i 16)}\""; value = i; }) 128);
    in table.${c} or (throw "charToInt: unsupported character");
    addContextFrom = src: target: target;
    splitString = sep: s:
      let parts = b.split (escapeRegex (b.toString sep)) (b.toString s);
      in map (v: b.toString v) (b.filter b.isString parts);
    removePrefix = prefix: str:
      if hasPrefix prefix str then substring (stringLength prefix) (stringLength str - stringLength prefix) str else str;
    removeSuffix = suffix: str:
      if hasSuffix suffix str then substring 0 (stringLength str - stringLength suffix) str else str;
    versionOlder = v1: v2: b.compareVersions v2 v1 == 1;
    versionAtLeast = v1: v2: !versionOlder v1 v2;
    getName = x: (b.parseDrvName (x.name or x)).name;
    getVersion = x: (b.parseDrvName (x.name or x)).version;
    nameFromURL = url: sep:
      let components = splitString "/" url; filename = lists.last components;
          name = b.head (splitString sep filename);
      in assert name != filename; name;
    enableFeature = flag: feature: assert b.isString feature; "--${if flag then "enable" else "disable"}-${feature}";
    enableFeatureAs = flag: feature: value: enableFeature flag feature + optionalString flag "=${value}";
    withFeature = flag: feature: assert b.isString feature; "--${if flag then "with" else "without"}-${feature}";
    withFeatureAs = flag: feature: value: withFeature flag feature + optionalString flag "=${value}";
    fixedWidthString = width: filler: str:
      let strw = stringLength str; reqWidth = width - (stringLength filler);
      in assert strw <= width; if strw == width then str else filler + fixedWidthString reqWidth filler str;
    fixedWidthNumber = width: n: fixedWidthString width "0" (b.toString n);
    floatToString = float: let result = b.toString float; in result;
    isStorePath = x: b.isString x && hasPrefix "/nix/store/" x;
    isStringLike = x: b.isString x || b.isPath x || x ? outPath || x ? __toString;
    isConvertibleWithToString = x: isStringLike x || b.elem (b.typeOf x) [ "null" "int" "float" "bool" ] || (b.isList x && b.all isConvertibleWithToString x);
    toInt = str:
      let m = b.match "[[:space:]]*(-?[0-9]+)[[:space:]]*" str;
      in if m == null then throw "Could not convert ${str} to int." else b.fromJSON (b.head m);
    toIntBase10 = str:
      let m = b.match "[[:space:]]*(-?)0*([0-9]+)[[:space:]]*" str;
      in if m == null then throw "Could not convert ${str} to int." else b.fromJSON "${b.elemAt m 0}${b.elemAt m 1}";
    readPathsFromFile = rootPath: file:
      map (x: rootPath + "/${x}") (b.filter (x: x != "" && !(hasPrefix "#" x)) (splitString "\n" (b.readFile file)));
    fileContents = file: removeSuffix "\n" (b.readFile file);
    trim = trimWith { start = true; end = true; };
    trimWith = { start ? false, end ? false }: s:
      let
        regex = if start && end then "[[:space:]]*(.*[^[:space:]])[[:space:]]*"
          else if start then "[[:space:]]*(.*)" else if end then "(.*[^[:space:]])[[:space:]]*" else "(.*)";
        m = b.match regex s;
      in if m == null then "" else b.head m;
    sanitizeDerivationName = s: replaceStrings [ " " "/" ] [ "-" "-" ] s;
    normalizePath = s: b.foldl' (x: y: if y == "/" && hasSuffix "/" x then x else x + y) "" (stringToCharacters s);
    isValidPosixName = name: b.match "[a-zA-Z_][a-zA-Z0-9_]*" name != null;
    cmakeBool = feature: value: "-D${feature}:BOOL=${if value then "TRUE" else "FALSE"}";
    mesonBool = feature: value: "-D${feature}=${if value then "true" else "false"}";
    mesonOption = feature: value: "-D${feature}=${value}";
  };

  attrsets = rec {
    inherit (b) attrNames attrValues hasAttr getAttr listToAttrs mapAttrs intersectAttrs removeAttrs catAttrs zipAttrsWith;
    attrByPath = attrPath: default: set:
      let go = path: s:
        if path == [ ] then s
        else let n = b.head path; in if s ? ${n} then go (b.tail path) s.${n} else default;
      in go attrPath set;
    hasAttrByPath = attrPath: e:
      if attrPath == [ ] then true
      else let n = b.head attrPath; in if e ? ${n} then hasAttrByPath (b.tail attrPath) e.${n} else false;
    setAttrByPath = attrPath: value:
      if attrPath == [ ] then value
      else { ${b.head attrPath} = setAttrByPath (b.tail attrPath) value; };
    getAttrFromPath = attrPath: set:
      attrByPath attrPath (throw "cannot find attribute `${b.concatStringsSep "." attrPath}'") set;
    attrVals = nameList: set: map (x: set.${x}) nameList;
    getAttrs = names: attrs: b.listToAttrs (map (n: { name = n; value = attrs.${n}; }) names);
    filterAttrs = pred: set:
      b.listToAttrs (b.concatMap (name: let v = set.${name}; in if pred name v then [ { inherit name; value = v; } ] else [ ]) (b.attrNames set));
    filterAttrsRecursive = pred: set:
      b.listToAttrs (b.concatMap (name:
        let v = set.${name}; in
        if pred name v then [ { inherit name; value = if b.isAttrs v then filterAttrsRecursive pred v else v; } ] else [ ])
        (b.attrNames set));
    foldlAttrs = f: init: set: b.foldl' (acc: name: f acc name set.${name}) init (b.attrNames set);
    foldAttrs = op: nul: list_of_attrs:
      b.foldl' (a: n: b.foldl' (a': name: a' // { ${name} = op n.${name} (a.${name} or nul); }) a (b.attrNames n)) { } (lists.reverseList list_of_attrs);
    collect = pred: attrs:
      if pred attrs then [ attrs ]
      else if b.isAttrs attrs then b.concatMap (collect pred) (b.attrValues attrs)
      else [ ];
    cartesianProduct = attrsOfLists:
      b.foldl' (listOfAttrs: attrName:
        b.concatMap (attrs: map (listValue: attrs // { ${attrName} = listValue; }) attrsOfLists.${attrName}) listOfAttrs)
        [ { } ] (b.attrNames attrsOfLists);
    cartesianProductOfSets = cartesianProduct;
    nameValuePair = name: value: { inherit name value; };
    mapAttrs' = f: set: b.listToAttrs (map (attr: f attr set.${attr}) (b.attrNames set));
    mapAttrsToList = f: attrs: map (name: f name attrs.${name}) (b.attrNames attrs);
    attrsToList = mapAttrsToList nameValuePair;
    concatMapAttrs = f: v: b.foldl' (acc: x: acc // x) { } (mapAttrsToList f v);
    mapAttrsRecursive = f: set: mapAttrsRecursiveCond (as: true) f set;
    mapAttrsRecursiveCond = cond: f: set:
      let recurse = path: b.mapAttrs (name: value:
        if b.isAttrs value && cond value then recurse (path ++ [ name ]) value else f (path ++ [ name ]) value);
      in recurse [ ] set;
    mapAttrsFlatten = mapAttrsToList;
    genAttrs = names: f: b.listToAttrs (map (n: nameValuePair n (f n)) names);
    isDerivation = value: value.type or null == "derivation";
    optionalAttrs = cond: as: if cond then as else { };
    zipAttrsWithNames = names: f: sets:
      b.listToAttrs (map (name: { inherit name; value = f name (b.catAttrs name sets); }) names);
    zipAttrs = b.zipAttrsWith (name: values: values);
    mergeAttrsList = list: b.foldl' (a: x: a // x) { } list;
    recursiveUpdateUntil = pred: lhs: rhs:
      let f = attrPath: b.zipAttrsWith (n: values:
        let here = attrPath ++ [ n ]; in
        if b.length values == 1 || pred here (b.elemAt values 1) (b.head values) then b.head values
        else f here values);
      in f [ ] [ rhs lhs ];
    recursiveUpdate = lhs: rhs:
      recursiveUpdateUntil (path: lhs: rhs: !(b.isAttrs lhs && b.isAttrs rhs)) lhs rhs;
    matchAttrs = pattern: attrs:
      b.all (name: let pat = pattern.${name}; in
        attrs ? ${name} && (if b.isAttrs pat then b.isAttrs attrs.${name} && matchAttrs pat attrs.${name} else pat == attrs.${name}))
        (b.attrNames pattern);
    overrideExisting = old: new: b.mapAttrs (name: value: new.${name} or value) old;
    showAttrPath = path: if path == [ ] then "<root attribute path>" else b.concatStringsSep "." path;
    recurseIntoAttrs = attrs: attrs // { recurseForDerivations = true; };
    dontRecurseIntoAttrs = attrs: attrs // { recurseForDerivations = false; };
    unionOfDisjoint = x: y:
      let inter = b.intersectAttrs x y;
      in if inter == { } then x // y else throw "unionOfDisjoint: collision on ${b.toString (b.attrNames inter)}";
    getOutput = output: pkg: pkg.${output} or pkg.out or pkg;
    getBin = getOutput "bin";
    getLib = getOutput "lib";
    getDev = getOutput "dev";
    getMan = getOutput "man";
  };

  versions = rec {
    splitVersion = b.splitVersion;
    major = v: b.elemAt (splitVersion v) 0;
    minor = v: b.elemAt (splitVersion v) 1;
    patch = v: b.elemAt (splitVersion v) 2;
    majorMinor = v: b.concatStringsSep "." (lists.take 2 (splitVersion v));
    pad = n: version: let
      numericVersion = b.head (b.split "[^0-9.]" version);
      versionSuffix = strings.removePrefix numericVersion version;
      digits = splitVersion numericVersion;
      strippedVersion = b.concatStringsSep "." (lists.take n digits);
      padding = lists.replicate (n - b.length digits) "0";
    in b.concatStringsSep "." ([ strippedVersion ] ++ padding) + versionSuffix;
  };

  modules = rec {
    mkIf = condition: content: { _type = "if"; inherit condition content; };
    mkAssert = assertion: message: content:
      mkIf (if assertion then true else throw "\nFailed assertion: ${message}") content;
    mkMerge = contents: { _type = "merge"; inherit contents; };
    mkOverride = priority: content: { _type = "override"; inherit priority content; };
    mkOptionDefault = mkOverride 1500;
    mkDefault = mkOverride 1000;
    mkImageMediaOverride = mkOverride 60;
    mkForce = mkOverride 50;
    mkVMOverride = mkOverride 10;
    mkFixStrictness = trivial.id;
    mkOrder = priority: content: { _type = "order"; inherit priority content; };
    mkBefore = mkOrder 500;
    mkAfter = mkOrder 1500;
    defaultOverridePriority = 100;
    defaultPriority = defaultOverridePriority;
    defaultOrderPriority = 1000;
    mkAliasDefinitions = mkAliasAndWrapDefinitions trivial.id;
    mkAliasAndWrapDefinitions = wrap: option:
      mkIf (option.isDefined or false) (wrap (mkMerge option.definitions));
    # Module-producing helpers for renamed or removed options: their effect
    # on option values is not emulated.
    mkRemovedOptionModule = optionName: replacementInstructions: { };
    mkRenamedOptionModule = from: to: { };
    mkRenamedOptionModuleWith = { sinceRelease, from, to }: { };
    mkAliasOptionModule = from: to: { };
    mkChangedOptionModule = from: to: changeFn: { };
    mkMergedOptionModule = from: to: mergeFn: { };
    mkDerivedConfig = opt: f: mkOverride (opt.highestPrio or defaultOverridePriority) (f opt.value);
    setDefaultModuleLocation = file: m: { _file = file; imports = [ m ]; };
    importApply = modulePath: staticArg: { _file = modulePath; imports = [ (b.import modulePath staticArg) ]; };
    inherit (native) evalModules;
  };

  options = rec {
    isOption = x: b.isAttrs x && (x._type or "") == "option";
    mkOption = attrs: attrs // { _type = "option"; };
    mkEnableOption = name: mkOption {
      default = false;
      example = true;
      description = "Whether to enable ${name}.";
      type = types.bool;
    };
    mkPackageOption = pkgs: name: extra: mkOption {
      type = types.package;
      default = native.unknownPackage (if b.isList name then b.concatStringsSep "." name else name);
      description = "The ${if b.isList name then b.concatStringsSep "." name else name} package to use.";
    };
    mkPackageOptionMD = mkPackageOption;
    mkSinkUndeclaredOptions = attrs: mkOption ({ internal = true; visible = false; default = false; type = types.anything; } // attrs);
    literalExpression = text: { _type = "literalExpression"; inherit text; };
    literalExample = literalExpression;
    literalMD = text: { _type = "literalMD"; inherit text; };
    mdDoc = trivial.id;
    showOption = parts: b.concatStringsSep "." parts;
    showFiles = files: b.concatStringsSep " and " (map (f: "`${b.toString f}'") files);
    getValues = map (x: x.value);
    getFiles = map (x: x.file);
    mergeDefaultOption = loc: defs:
      let list = getValues defs; in
      if b.length list == 1 then b.head list
      else if b.all b.isFunction list then x: mergeDefaultOption loc (map (f: f x) list)
      else if b.all b.isList list then b.concatLists list
      else if b.all b.isAttrs list then b.foldl' trivial.mergeAttrs { } list
      else if b.all b.isBool list then b.foldl' trivial.or false list
      else if b.all b.isString list then strings.concatStrings list
      else if b.all b.isInt list && b.all (x: x == b.head list) list then b.head list
      else throw "Cannot merge definitions of `${showOption loc}'.";
    mergeOneOption = loc: defs:
      if defs == [ ] then throw "This case should never happen."
      else if b.length defs != 1 then throw "The unique option `${showOption loc}' is defined multiple times."
      else (b.head defs).value;
    mergeEqualOption = loc: defs:
      if defs == [ ] then throw "This case should never happen."
      else if b.length defs == 1 then (b.head defs).value
      else (b.foldl' (first: def:
        if def.value != first.value
        then throw "The option `${showOption loc}' has conflicting definition values:"
        else first) (b.head defs) (b.tail defs)).value;
    mergeUniqueOption = { message }: loc: defs:
      if b.length defs == 1 then (b.head defs).value
      else throw "The option `${showOption loc}' is defined multiple times.\n${message}";
    unknownModule = "<unknown-file>";
  };

  # Option types. `__pl` tells pocketlint's module system how to merge; the
  # other attributes mirror what nixpkgs' types expose to user code.
  types = rec {
    isType = type: x: (x._type or "") == type;
    isOptionType = isType "option-type";
    mkOptionType = { name, description ? name, check ? (x: true), merge ? options.mergeDefaultOption, emptyValue ? { }, ... }@attrs:
      attrs // {
        _type = "option-type";
        inherit name description check merge emptyValue;
        descriptionClass = attrs.descriptionClass or null;
        getSubOptions = attrs.getSubOptions or (prefix: { });
        getSubModules = attrs.getSubModules or null;
        substSubModules = attrs.substSubModules or (m: null);
        typeMerge = attrs.typeMerge or (f: null);
        functor = attrs.functor or { inherit name; type = null; wrapped = null; payload = null; binOp = a: c: null; };
        nestedTypes = attrs.nestedTypes or { };
        __pl = attrs.__pl or { kind = "custom"; };
      };
    builtin = kind: name: description: check: extra: mkOptionType ({
      inherit name description check;
      __pl = { inherit kind; };
    } // extra);

    raw = builtin "raw" "raw" "raw value" (x: true) { };
    anything = builtin "anything" "anything" "anything" (x: true) { };
    unspecified = builtin "unspecified" "unspecified" "unspecified value" (x: true) { };
    bool = builtin "bool" "bool" "boolean" b.isBool { };
    boolByOr = builtin "boolByOr" "boolByOr" "boolean (merged using or)" b.isBool { };
    int = builtin "int" "int" "signed integer" b.isInt { };
    ints = rec {
      between = lowest: highest: mkOptionType {
        name = "intBetween";
        description = "integer between ${b.toString lowest} and ${b.toString highest} (both inclusive)";
        check = x: b.isInt x && x >= lowest && x <= highest;
        __pl = { kind = "int"; min = lowest; max = highest; };
      };
      unsign = bit: between 0 (b.foldl' (acc: _: acc * 2) 1 (lists.range 1 bit) - 1);
      sign = bit: let half = b.foldl' (acc: _: acc * 2) 1 (lists.range 1 (bit - 1)); in between (0 - half) (half - 1);
      unsigned = mkOptionType { name = "unsignedInt"; description = "unsigned integer"; check = x: b.isInt x && x >= 0; __pl = { kind = "int"; min = 0; }; };
      positive = mkOptionType { name = "positiveInt"; description = "positive integer"; check = x: b.isInt x && x > 0; __pl = { kind = "int"; min = 1; }; };
      u8 = unsign 8;
      u16 = unsign 16;
      u32 = unsign 32;
      s8 = sign 8;
      s16 = sign 16;
      s32 = sign 32;
    };
    port = ints.u16;
    float = builtin "float" "float" "floating point number" b.isFloat { };
    number = builtin "number" "number" "signed integer or floating point number" (x: b.isInt x || b.isFloat x) { };
    numbers = {
      between = lowest: highest: mkOptionType {
        name = "numberBetween";
        description = "number between ${b.toString lowest} and ${b.toString highest}";
        check = x: (b.isInt x || b.isFloat x) && x >= lowest && x <= highest;
        __pl = { kind = "number"; };
      };
      nonnegative = number;
      positive = number;
    };
    str = builtin "str" "str" "string" b.isString { };
    string = builtin "separatedString" "string" "string" b.isString { __pl = { kind = "separatedString"; sep = ""; }; };
    nonEmptyStr = builtin "nonEmptyStr" "nonEmptyStr" "non-empty string" (x: b.isString x && b.match "[ \t\n]*" x == null) { };
    singleLineStr = builtin "singleLineStr" "singleLineStr" "(optionally newline-terminated) single-line string" (x: b.isString x) { };
    strMatching = pattern: builtin "strMatching" "strMatching ${b.toJSON pattern}" "string matching the pattern ${pattern}" (x: b.isString x && b.match pattern x != null) { __pl = { kind = "strMatching"; inherit pattern; }; };
    separatedString = sep: builtin "separatedString" "separatedString" "strings concatenated with ${b.toJSON sep}" b.isString { __pl = { kind = "separatedString"; inherit sep; }; };
    lines = (separatedString "\n") // { name = "lines"; };
    commas = (separatedString ",") // { name = "commas"; };
    envVar = (separatedString ":") // { name = "envVar"; };
    passwdEntry = entryType: entryType;
    attrs = builtin "attrs" "attrs" "attribute set" b.isAttrs { };
    package = builtin "package" "package" "package" (x: true) { };
    shellPackage = package;
    path = builtin "path" "path" "path" (x: b.isPath x || (strings.isStringLike x && strings.hasPrefix "/" (b.toString x))) { };
    pathInStore = path;
    externalPath = path;
    pkgs = package;
    enum = values: mkOptionType {
      name = "enum";
      description = "one of ${b.concatStringsSep ", " (map b.toJSON values)}";
      check = x: b.elem x values;
      functor = { name = "enum"; type = enum; wrapped = null; payload = values; binOp = a: c: a ++ c; };
      __pl = { kind = "enum"; inherit values; };
    };
    listOf = elemType: mkOptionType {
      name = "listOf";
      description = "list of ${elemType.description or "values"}";
      check = b.isList;
      nestedTypes.elemType = elemType;
      getSubOptions = prefix: elemType.getSubOptions (prefix ++ [ "*" ]);
      getSubModules = elemType.getSubModules;
      __pl = { kind = "listOf"; inherit elemType; };
    };
    nonEmptyListOf = elemType: (listOf elemType) // {
      description = "non-empty list of ${elemType.description or "values"}";
      check = l: b.isList l && l != [ ];
      __pl = { kind = "listOf"; inherit elemType; nonEmpty = true; };
    };
    attrsOf = elemType: mkOptionType {
      name = "attrsOf";
      description = "attribute set of ${elemType.description or "values"}";
      check = b.isAttrs;
      nestedTypes.elemType = elemType;
      getSubOptions = prefix: elemType.getSubOptions (prefix ++ [ "<name>" ]);
      getSubModules = elemType.getSubModules;
      __pl = { kind = "attrsOf"; inherit elemType; lazy = false; };
    };
    lazyAttrsOf = elemType: (attrsOf elemType) // {
      name = "lazyAttrsOf";
      description = "lazy attribute set of ${elemType.description or "values"}";
      __pl = { kind = "attrsOf"; inherit elemType; lazy = true; };
    };
    attrsWith = { elemType, lazy ? false, ... }: if lazy then lazyAttrsOf elemType else attrsOf elemType;
    uniq = elemType: elemType // { __pl = { kind = "uniq"; inherit elemType; }; };
    unique = { message }: uniq;
    nullOr = elemType: mkOptionType {
      name = "nullOr";
      description = "null or ${elemType.description or "value"}";
      check = x: x == null || elemType.check x;
      nestedTypes.elemType = elemType;
      getSubOptions = elemType.getSubOptions;
      getSubModules = elemType.getSubModules;
      __pl = { kind = "nullOr"; inherit elemType; };
    };
    functionTo = elemType: mkOptionType {
      name = "functionTo";
      description = "function that evaluates to a(n) ${elemType.description or "value"}";
      check = b.isFunction;
      nestedTypes.elemType = elemType;
      __pl = { kind = "functionTo"; inherit elemType; };
    };
    either = t1: t2: mkOptionType {
      name = "either";
      description = "${t1.description or "value"} or ${t2.description or "value"}";
      check = x: t1.check x || t2.check x;
      nestedTypes = { left = t1; right = t2; };
      __pl = { kind = "either"; left = t1; right = t2; };
    };
    oneOf = ts: let head' = b.head ts; tail' = b.tail ts; in b.foldl' either head' tail';
    coercedTo = coercedType: coerceFunc: finalType: mkOptionType {
      name = "coercedTo";
      description = "${finalType.description or "value"} or ${coercedType.description or "value"} convertible to it";
      check = x: (coercedType.check x && finalType.check (coerceFunc x)) || finalType.check x;
      nestedTypes = { inherit coercedType finalType; };
      __pl = { kind = "coercedTo"; inherit coercedType coerceFunc finalType; };
    };
    submoduleWith = { modules, specialArgs ? { }, shorthandOnlyDefinesConfig ? false, description ? null, class ? null }: mkOptionType {
      name = "submodule";
      description = if description != null then description else "submodule";
      check = x: b.isAttrs x || b.isFunction x || b.isPath x;
      getSubModules = modules;
      getSubOptions = prefix: { };
      __pl = { kind = "submodule"; inherit modules specialArgs shorthandOnlyDefinesConfig; };
    };
    submodule = modules: submoduleWith {
      shorthandOnlyDefinesConfig = true;
      modules = lists.toList modules;
    };
    deferredModule = deferredModuleWith { };
    deferredModuleWith = attrs: mkOptionType {
      name = "deferredModule";
      description = "module";
      check = x: b.isAttrs x || b.isFunction x || b.isPath x;
      __pl = { kind = "deferredModule"; staticModules = attrs.staticModules or [ ]; };
    };
    optionType = builtin "optionType" "optionType" "optional type" isOptionType { };
    loaOf = attrsOf;
  };

  fixedPoints = {
    inherit (trivial) fix fix' extends;
    composeExtensions = f: g: final: prev: let fApplied = f final prev; prev' = prev // fApplied; in fApplied // g final prev';
    composeManyExtensions = b.foldl' (acc: f: fixedPoints.composeExtensions acc f) (final: prev: { });
    makeExtensible = rattrs: let self = rattrs self // { extend = f: fixedPoints.makeExtensible (trivial.extends f rattrs); }; in self;
  };

  debug = {
    traceVal = x: b.trace x x;
    traceValFn = f: x: b.trace (f x) x;
    traceSeq = x: y: b.trace (b.deepSeq x x) y;
    traceValSeq = x: b.trace (b.deepSeq x x) x;
    traceIf = pred: msg: x: if pred then b.trace msg x else x;
    traceShowVal = x: b.trace x x;
  };

  asserts = {
    assertMsg = pred: msg: pred || throw msg;
    assertOneOf = name: val: xs: b.elem val xs || throw "${name} must be one of ${b.toJSON xs}, but is: ${b.toJSON val}";
  };

  generators = {
    toJSON = { }: b.toJSON;
    toYAML = { }: b.toJSON;
    mkValueStringDefault = { }: v: if b.isString v then v else b.toJSON v;
    mkKeyValueDefault = { mkValueString ? generators.mkValueStringDefault { } }: sep: k: v: "${k}${sep}${mkValueString v}";
    toKeyValue = { mkKeyValue ? generators.mkKeyValueDefault { } "=", listsAsDuplicateKeys ? false, indent ? "" }: attrs:
      strings.concatStrings (attrsets.mapAttrsToList (k: v: "${indent}${mkKeyValue k v}\n") attrs);
  };

  # lib's internal module: the options every evaluation has.
  internalModule = {
    _file = "lib/modules.nix";
    key = "__pocketlint__/internal-module";
    options._module = {
      args = options.mkOption { type = types.lazyAttrsOf types.raw; internal = true; };
      check = options.mkOption { type = types.bool; default = true; internal = true; };
      freeformType = options.mkOption { type = types.nullOr types.raw; default = null; internal = true; };
    };
    config._module.args = { };
  };

  # What nixpkgs declares for options NixOS configurations commonly set;
  # used only where the repository itself declares nothing.
  nixosFallbacks = {
    _file = "<nixpkgs options known to pocketlint>";
    key = "__pocketlint__/nixos-fallbacks";
    options = {
      networking.domain = options.mkOption { type = types.nullOr types.str; default = null; };
      networking.hostName = options.mkOption { type = types.str; default = "nixos"; };
      assertions = options.mkOption { type = types.listOf types.unspecified; default = [ ]; };
      warnings = options.mkOption { type = types.listOf types.str; default = [ ]; };
      services.caddy = {
        enable = options.mkEnableOption "Caddy";
        email = options.mkOption { type = types.nullOr types.str; default = null; };
        acmeCA = options.mkOption { type = types.nullOr types.str; default = null; };
        httpPort = options.mkOption { type = types.nullOr types.port; default = 80; };
        httpsPort = options.mkOption { type = types.nullOr types.port; default = 443; };
        logDir = options.mkOption { type = types.path; default = "/var/log/caddy"; };
        logFormat = options.mkOption { type = types.lines; default = "level ERROR\n"; };
        globalConfig = options.mkOption { type = types.lines; default = ""; };
        extraConfig = options.mkOption { type = types.lines; default = ""; };
        virtualHosts = options.mkOption {
          default = { };
          type = types.attrsOf (types.submodule ({ name, ... }: {
            options = {
              hostName = options.mkOption { type = types.str; default = name; };
              serverAliases = options.mkOption { type = types.listOf types.str; default = [ ]; };
              listenAddresses = options.mkOption { type = types.listOf types.str; default = [ ]; };
              useACMEHost = options.mkOption { type = types.nullOr types.str; default = null; };
              logFormat = options.mkOption { type = types.lines; default = ""; };
              extraConfig = options.mkOption { type = types.lines; default = ""; };
            };
          }));
        };
      };
      # Only what the generated Caddyfile reads (`useACMEHost`); every other
      # attribute of a certificate is taken as it is.
      security.acme.certs = options.mkOption {
        default = { };
        type = types.attrsOf (types.submodule ({ name, ... }: {
          freeformType = types.attrsOf types.anything;
          options.directory = options.mkOption { type = types.str; default = "/var/lib/acme/${name}"; };
        }));
      };
      sops.secrets = options.mkOption {
        default = { };
        type = types.attrsOf (types.submodule ({ name, ... }: {
          options = {
            name = options.mkOption { type = types.str; default = name; };
            key = options.mkOption { type = types.str; default = name; };
            path = options.mkOption { type = types.str; default = "/run/secrets/${name}"; };
            owner = options.mkOption { type = types.nullOr types.str; default = null; };
            group = options.mkOption { type = types.nullOr types.str; default = null; };
            mode = options.mkOption { type = types.str; default = "0400"; };
          };
        }));
      };
    };
  };

  lib = native.open (
    trivial // lists // strings // attrsets // modules // options // fixedPoints // debug // asserts // {
      inherit trivial lists strings attrsets modules options versions fixedPoints debug asserts generators;
      types = native.open types;
      inherit (b) isAttrs isBool isFloat isInt isList isPath isString typeOf toJSON fromJSON toString;
      inherit (versions) splitVersion;
      version = native.unknownValue "lib.version";
      release = native.unknownValue "lib.release";
      maintainers = native.open { };
      licenses = native.open { };
      teams = native.open { };
      platforms = native.open { };
      systems = native.open { };
      meta = native.open { };
      customisation = native.open { };
      filesystem = native.open { };
      sources = native.open { };
      cli = native.open { };
      network = native.open { };
      path = native.open { };
      fileset = native.open { };
      gvariant = native.open { };
      kernel = native.open { };
      deprecated = native.open { };
      __internalModule = internalModule;
      __nixosFallbacks = nixosFallbacks;
    });
in
lib
