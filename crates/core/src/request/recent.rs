//! Ids created in this session, offered in the id fields of later requests:
//! right after a create, Retrieve, Update and Delete should not prefill the
//! docs' example id.

use super::validate::value_problem;
use crate::operation::{Location, Param};
use serde_json::Value;

/// How many created ids are remembered.
pub const RECENT_IDS: usize = 5;

/// The id a create returned: a 201 whose JSON body has a string `id`.
pub fn created_id(status: u16, body: Option<&Value>) -> Option<String> {
    if status != 201 {
        return None;
    }
    body?.get("id")?.as_str().filter(|id| !id.is_empty()).map(str::to_owned)
}

/// Puts `id` first, once, keeping the newest [`RECENT_IDS`].
pub fn remember_id(recent: &mut Vec<String>, id: String) {
    recent.retain(|r| *r != id);
    recent.insert(0, id);
    recent.truncate(RECENT_IDS);
}

/// The remembered ids `param` accepts (a path parameter whose documented
/// constraints the id meets, such as `^res_…`), newest first, without the
/// value already in the field.
pub fn id_suggestions<'r>(param: &Param, recent: &'r [String], current: &str) -> Vec<&'r str> {
    if param.location != Location::Path {
        return Vec::new();
    }
    recent.iter().map(String::as_str).filter(|id| *id != current && value_problem(param, id).is_none()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json_text as json;
    use crate::operation::{Constraints, ParamType};

    fn id_param(pattern: &str) -> Param {
        Param {
            location: Location::Path,
            name: "id".into(),
            ty: ParamType::String,
            required: true,
            nullable: false,
            default: None,
            example: Some("res_8f2a".into()),
            constraints: Constraints { pattern: Some(pattern.into()), ..Constraints::default() },
            object: None,
            description: String::new(),
            rendered: Vec::new(),
            line: 1,
        }
    }

    #[test]
    fn only_creates_give_ids() {
        let body = json::parse(r#"{"id":"res_1a","name":"x"}"#).unwrap();
        assert_eq!(created_id(201, Some(&body)).as_deref(), Some("res_1a"));
        assert_eq!(created_id(200, Some(&body)), None);
        assert_eq!(created_id(201, None), None);
        assert_eq!(created_id(201, Some(&json::parse(r#"{"id":7}"#).unwrap())), None);
    }

    #[test]
    fn newest_first_once_and_bounded() {
        let mut recent = Vec::new();
        for id in ["a", "b", "a", "c", "d", "e", "f"] {
            remember_id(&mut recent, id.to_owned());
        }
        assert_eq!(recent, ["f", "e", "d", "c", "a"]);
    }

    #[test]
    fn suggestions_fit_the_parameter() {
        let recent: Vec<String> = ["proj_9", "res_2b", "res_1a"].map(str::to_owned).into();
        let param = id_param("^res_[a-z0-9]{1,32}$");
        assert_eq!(id_suggestions(&param, &recent, ""), ["res_2b", "res_1a"]);
        assert_eq!(id_suggestions(&param, &recent, "res_2b"), ["res_1a"]);
        let mut query = id_param("^res_[a-z0-9]{1,32}$");
        query.location = Location::Query;
        assert!(id_suggestions(&query, &recent, "").is_empty());
    }
}
