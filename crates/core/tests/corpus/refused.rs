//! Commands cURL refuses to run, and so does the explorer: an unknown
//! option, one missing its value, `--no-` on an option that takes one.

pub struct Refused {
    pub name: &'static str,
    pub command: &'static str,
    /// The explorer's error, with its position.
    pub error: &'static str,
    /// What cURL says, in part.
    pub curl_says: &'static str,
    /// The first cURL version that refuses it, when older ones ran it.
    pub refused_since: Option<(u32, u32)>,
}

pub const REFUSED: &[Refused] = &[
    Refused {
        name: "unknown-long-option",
        command: "curl --frobnicate 3 https://api.cloudplatform.dev/v2/ping",
        error: "--frobnicate is not a cURL option at line 1, column 6",
        curl_says: "is unknown",
        refused_since: None,
    },
    Refused {
        name: "unknown-short-option",
        command: "curl https://api.cloudplatform.dev/v2/ping \\\n  -sSW",
        error: "-W is not a cURL option at line 2, column 3",
        curl_says: "is unknown",
        refused_since: None,
    },
    Refused {
        name: "missing-value",
        command: "curl https://api.cloudplatform.dev/v2/ping -H",
        error: "-H needs a value at line 1, column 44",
        curl_says: "requires parameter",
        refused_since: None,
    },
    Refused {
        name: "missing-long-value",
        command: "curl https://api.cloudplatform.dev/v1/resources -H 'X-API-Key: sk_live_freedemo000000000000000000000000' --data",
        error: "--data needs a value at line 1, column 106",
        curl_says: "requires parameter",
        refused_since: None,
    },
    Refused {
        name: "no-prefix-on-a-value-option",
        command: "curl --no-header 'X-A: 1' https://api.cloudplatform.dev/v2/ping",
        error: "--no-header: `--no-` only switches off an option that takes no value, and --header takes one at line 1, column 6",
        curl_says: "isn't a boolean",
        refused_since: None,
    },
    Refused {
        name: "value-on-a-flag",
        command: "curl --silent=yes https://api.cloudplatform.dev/v2/ping",
        error: "--silent takes no value, yet `--silent=yes` gives it one at line 1, column 6",
        curl_says: "",
        refused_since: None,
    },
    Refused {
        name: "abbreviated-option",
        command: "curl --verb https://api.cloudplatform.dev/v2/ping",
        error: "--verb is not a cURL option (cURL before 8.6 read it as an abbreviation of --verbose; newer cURL refuses it) at line 1, column 6",
        curl_says: "is unknown",
        refused_since: Some((8, 6)),
    },
];
