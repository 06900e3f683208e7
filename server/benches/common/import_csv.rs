//! The CSV of 50,000 consultations both benchmarks import: dates in several forms, every
//! category, method and region.

pub const ROWS: usize = 50_000;

pub fn csv() -> Vec<u8> {
    let cats = app::domain::consultations::DEFAULT_CATEGORIES;
    let methods = ["電話", "メール", "来所", "FAX", "訪問", "会議等の場", "その他"];
    let mut s = String::from("\u{feff}受付日,相談者,所属,職種,圏域,方法,分類,欲しい相談,内容,対応,状況\n");
    for i in 0..ROWS {
        let (y, m, d) = (2017 + (i % 8), 1 + (i % 12), 1 + (i % 28));
        let date = match i % 3 {
            0 => format!("{y}-{m:02}-{d:02}"),
            1 => format!("{y}/{m}/{d}"),
            _ if y >= 2020 => format!("R{}.{m}.{d}", y - 2018),
            _ => format!("{y}/{m}/{d}"),
        };
        s.push_str(&format!(
            "{date},相談者{i},所属{},薬剤師,{},{},{},{},相談内容 {i} 連携について,対応 {i},完了\n",
            i % 97,
            if i % 5 == 0 { "圏域外" } else { "圏域内" },
            methods[i % methods.len()],
            cats[i % cats.len()],
            if i % 3 == 0 { "○" } else { "" }
        ));
    }
    s.into_bytes()
}

