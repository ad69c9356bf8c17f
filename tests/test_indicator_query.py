"""A corpus of extract output grouped by canonical indicator with a real JSON reader (DuckDB),
without running diff (issue 12): every target carries ``indicator`` {id, name, field, stage}."""
from __future__ import annotations

from pathlib import Path

import pytest

from plancmp.extract.pipeline import extract_text

duckdb = pytest.importorskip("duckdb")

PLANS = {
    "甲区": "甲区城市更新“十五五”规划\n到2030年,完整社区覆盖率达到60%,人均公园绿地面积达到9.5平方米。\n",
    "乙区": "乙区城市更新“十五五”规划\n到2030年,完整社区建设覆盖率达到70%,新建口袋公园10座。\n",
    "丙县": "丙县“十五五”教育事业发展规划\n到2030年,义务教育巩固率达到99%,学前教育毛入园率达到95%。\n",
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("extract")
    for name, text in PLANS.items():
        (out / f"{name}.json").write_text(extract_text(text, f"{name}.txt").model_dump_json(by_alias=True), encoding="utf-8")
    return out


def test_group_a_folder_of_extract_output_by_indicator(folder: Path) -> None:
    rows = duckdb.sql(f"""
        select t.indicator.name as name, t.indicator.field as field, count(*) as n, median(t.value) as med
        from (select unnest(targets) as t from read_json('{folder}/*.json'))
        where t.indicator is not null
        group by 1, 2 order by 1
    """).fetchall()
    got = {name: (field, n, med) for name, field, n, med in rows}
    assert got["完整社区覆盖率"] == ("城市更新", 2, 65)
    assert got["九年义务教育巩固率"] == ("教育", 1, 99)
    assert got["人均公园绿地面积"][0] == "绿化市容" and got["口袋公园"][1] == 1


def test_every_target_has_the_fields(folder: Path) -> None:
    missing = duckdb.sql(f"""
        select count(*) from (select unnest(targets) as t from read_json('{folder}/*.json'))
        where t.metric_full is null
    """).fetchall()
    assert missing == [(0,)]
