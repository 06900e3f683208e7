//! The four scenes of the national guide (在宅医療・介護連携推進事業の手引き) that meetings,
//! trainings, issues and initiatives are tagged with, stored as codes joined by ",".

use super::referrals::coded;
use serde::{Deserialize, Serialize};

coded! {
    /// 日常の療養支援・入退院支援・急変時の対応・看取り, in the guide's order.
    Scene {
        Daily = ("daily", "日常の療養支援"),
        Discharge = ("discharge", "入退院支援"),
        Emergency = ("emergency", "急変時の対応"),
        EndOfLife = ("end_of_life", "看取り"),
    }
}

impl Scene {
    /// The guide's wording of what each scene aims at (目指す姿), the plan's first draft.
    pub fn guide_vision(self) -> &'static str {
        match self {
            Scene::Daily => "医療と介護の両方を必要とする高齢者が住み慣れた場所で安心して暮らすことができる。",
            Scene::Discharge => "一体的でスムーズな医療・介護サービスが提供され、医療と介護の両方を必要とする本人が希望する場所で望む日常生活が過ごせる。",
            Scene::Emergency => "医療・介護・消防(救急)が円滑に連携することにより、本人の意思を尊重したうえで急変時に適切な対応ができる。",
            Scene::EndOfLife => "人生の最終段階における本人が望む場所での看取りが実施される。",
        }
    }
}

/// Scene codes as stored ("daily,end_of_life"), in the guide's order, unknown ones dropped.
pub fn scenes_text(codes: &[String]) -> String {
    Scene::ALL.iter().filter(|s| codes.iter().any(|c| c.trim() == s.code())).map(|s| s.code()).collect::<Vec<_>>().join(",")
}

pub fn scenes_of(text: &str) -> Vec<Scene> {
    Scene::ALL.iter().copied().filter(|s| text.split(',').any(|c| c.trim() == s.code())).collect()
}

pub fn scene_codes(text: &str) -> Vec<String> {
    scenes_of(text).into_iter().map(|s| s.code().to_string()).collect()
}

pub fn scene_labels(text: &str) -> Vec<String> {
    scenes_of(text).into_iter().map(|s| s.label().to_string()).collect()
}

/// Whether every posted code names a scene.
pub fn all_known(codes: &[String]) -> bool {
    codes.iter().all(|c| Scene::from_code(c).is_some())
}

/// A `LIKE` needle for one scene in the stored text: codes never contain one another, so a
/// plain substring match is exact.
pub fn like_needle(scene: Scene) -> String {
    format!("%{}%", scene.code())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scenes_are_stored_in_the_guides_order_and_read_back() {
        let codes = vec!["end_of_life".to_string(), "daily".into(), "war".into()];
        assert_eq!(scenes_text(&codes), "daily,end_of_life");
        assert_eq!(scenes_of("end_of_life,daily"), [Scene::Daily, Scene::EndOfLife]);
        assert_eq!(scene_labels("discharge"), ["入退院支援"]);
        assert!(!all_known(&codes));
        assert!(all_known(&codes[..2]));
    }

    #[test]
    fn no_code_is_part_of_another() {
        for a in Scene::ALL {
            for b in Scene::ALL {
                assert!(a == b || !a.code().contains(b.code()), "{a:?} contains {b:?}");
            }
        }
    }
}
