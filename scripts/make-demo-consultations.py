#!/usr/bin/env python3
"""Writes the demo consultation history: the team's published trend table H29–R6 (counts per
category and fiscal year) spread over fictional, deterministic rows, with the received date
written in every form the importer accepts. Output: app/src/server/services/data/demo-consultations.csv
(UTF-8 with BOM, as Excel writes "CSV UTF-8")."""
import csv, datetime, io, pathlib

CATEGORIES = ["地域の連携体制に関する相談", "事業に関する相談・協力依頼等", "チームかまいしに関する問い合わせ",
              "他部署・他機関への相談等の調整", "データ提供依頼", "その他"]
# Rows: categories; columns: FY2017 (H29) … FY2024 (R6).
COUNTS = [[7, 4, 3, 0, 4, 5, 3, 2], [20, 23, 20, 4, 6, 3, 5, 11], [16, 4, 5, 4, 5, 3, 5, 0],
          [17, 13, 11, 13, 15, 13, 8, 10], [5, 5, 6, 3, 1, 6, 2, 16], [0, 0, 1, 1, 0, 2, 1, 0]]
AFFILIATIONS = [("浜風薬剤師会", "薬剤師"), ("浜風県立病院", "医療ソーシャルワーカー（病院連携室）"), ("浜風介護支援専門員連絡協議会", "介護支援専門員"),
                ("浜風歯科医師会", "歯科医師"), ("せいりょう病院", "医療ソーシャルワーカー（病院連携室）"), ("市 健康推進課", "保健師"),
                ("県 保健所", "行政（介護認定・生活保護ほか）"), ("隣町 地域包括支援センター", "地域包括支援センター職員"), ("浜風訪問看護連絡会", "看護師（訪問看護）"), ("NPO法人 つなぐ", "")]
OUTSIDE = {"県 保健所", "隣町 地域包括支援センター"}
METHODS = ["電話", "メール", "来所", "電話", "会議等の場", "FAX", "訪問", "メール", "その他"]
MONTHS = [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3]

def wareki(d, style):
    reiwa = d >= datetime.date(2019, 5, 1)
    n = d.year - (2018 if reiwa else 1988)
    if style == 0:
        return f"{'R' if reiwa else 'H'}{n}.{d.month}.{d.day}"
    return f"{'令和' if reiwa else '平成'}{'元' if n == 1 else n}年{d.month}月{d.day}日"

def main():
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(["受付日", "相談者", "所属", "職種", "圏域", "方法", "分類", "欲しい相談", "内容", "対応", "状況"])
    k = 0
    for ci, cat in enumerate(CATEGORIES):
        for yi, n in enumerate(COUNTS[ci]):
            fy = 2017 + yi
            for i in range(n):
                k += 1
                m = MONTHS[(i * 5 + ci) % 12]
                # The first and last consultations of some years sit on 1 April and 31 March.
                day = 1 if i == 0 else (31 if (i == 1 and m == 3) else 1 + (k * 7) % 28)
                d = datetime.date(fy if m >= 4 else fy + 1, m, day)
                style = k % 4
                date = [d.isoformat(), f"{d.year}/{d.month}/{d.day}", wareki(d, 0), wareki(d, 1)][style]
                org, prof = AFFILIATIONS[k % len(AFFILIATIONS)]
                wanted = "○" if ci in (0, 1) and k % 3 != 0 else ""
                w.writerow([date, f"相談者{k:03d}", org, prof, "圏域外" if org in OUTSIDE else "圏域内", METHODS[k % len(METHODS)],
                            cat, wanted, f"{cat}（デモ {k}）", "担当者につなぎ、経過を確認した。", "完了"])
    path = pathlib.Path(__file__).resolve().parent.parent / "app/src/server/services/data/demo-consultations.csv"
    path.write_bytes("\ufeff".encode() + out.getvalue().encode())
    print(f"{k} rows -> {path}")

main()
