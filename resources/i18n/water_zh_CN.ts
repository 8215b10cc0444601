<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>DiagramView</name>
    <message>
        <location filename="../../gui/analysis/water_diagram.py" line="14" />
        <source>Fit to window</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_diagram.py" line="17" />
        <location filename="../../gui/analysis/water_diagram.py" line="41" />
        <source>No diagram yet.</source>
        <translation>尚无水平衡图。</translation>
    </message>
</context>
<context>
    <name>WaterBalance</name>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="87" />
        <source>Unit</source>
        <translation>用水单元</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="88" />
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="89" />
        <source>Vf m³/d</source>
        <translation>Vf m³/d</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="90" />
        <source>Vr m³/d</source>
        <translation>Vr m³/d</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="91" />
        <source>Vco m³/d</source>
        <translation>Vco m³/d</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="92" />
        <source>Vd m³/d</source>
        <translation>Vd m³/d</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="93" />
        <source>Vl m³/d</source>
        <translation>Vl m³/d</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="94" />
        <source>Vt m³/d</source>
        <translation>Vt m³/d</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="95" />
        <location filename="../../gui/analysis/water_models.py" line="287" />
        <location filename="../../gui/analysis/water_models.py" line="323" />
        <source>Closure %</source>
        <translation>水平衡误差 %</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="96" />
        <source>Meter vs sub-units %</source>
        <translation>本级表与下级差 %</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="0" />
        <source>Repeated use %</source>
        <translation>重复利用率 %</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="0" />
        <source>Main meter m³</source>
        <translation>总表 m³</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="0" />
        <source>Meter vs level-1 inflows %</source>
        <translation>总表与一级单元取水差 %</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="0" />
        <source>Enterprise, test day %1 (m³)</source>
        <translation>全厂，测试日 %1（m³）</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="0" />
        <source>(main meter − Σ level-1 Vf) ÷ main meter × 100; intake tolerance ±%1 %</source>
        <translation>（总表 − Σ一级单元 Vf）÷ 总表 × 100；取水量核对允许误差 ±%1%</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="112" />
        <source>incomplete</source>
        <translation>数据不完整</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="137" />
        <source>estimated: %1 m³/d</source>
        <translation>估算：%1 m³/d</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="143" />
        <source>calculated from the balance: %1 m³/d</source>
        <translation>按平衡计算：%1 m³/d</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="147" />
        <location filename="../../gui/analysis/water_models.py" line="270" />
        <source>from meter readings</source>
        <translation>来自水表读数</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="155" />
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="156" />
        <location filename="../../gui/analysis/water_models.py" line="205" />
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="157" />
        <source>Unit of measure</source>
        <translation>计量单位</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="158" />
        <location filename="../../gui/analysis/water_models.py" line="209" />
        <source>Status</source>
        <translation>核实状态</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="159" />
        <source>Formula</source>
        <translation>计算公式</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="160" />
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="181" />
        <source>formula unverified</source>
        <translation>公式未经核实</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="195" />
        <source>pass</source>
        <translation>达标</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="196" />
        <source>fail</source>
        <translation>未达标</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="197" />
        <source>cannot evaluate</source>
        <translation>无法评价</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="203" />
        <source>Requirement</source>
        <translation>评价项目</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="204" />
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="206" />
        <source>Threshold</source>
        <translation>限值</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="207" />
        <source>Why</source>
        <translation>依据说明</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="208" />
        <source>Source</source>
        <translation>出处</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="236" />
        <source>Unverified: the threshold or formula was not checked against the official text.</source>
        <translation>未核实：该限值或公式未与标准原文核对。</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="244" />
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="245" />
        <source>Meter / unit</source>
        <translation>水表/单元</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="246" />
        <source>Message</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="253" />
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="255" />
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="271" />
        <source>calculated from the balance</source>
        <translation>按平衡计算</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="272" />
        <source>estimated</source>
        <translation>估算</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="273" />
        <source>does not occur</source>
        <translation>无（0）</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="281" />
        <source>Test day</source>
        <translation>测试日</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="282" />
        <source>Vf m³</source>
        <translation>Vf m³</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="283" />
        <source>Vr m³</source>
        <translation>Vr m³</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="284" />
        <source>Vco m³</source>
        <translation>Vco m³</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="285" />
        <source>Vd m³</source>
        <translation>Vd m³</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="286" />
        <source>Vl m³</source>
        <translation>Vl m³</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="299" />
        <source>no valid balance</source>
        <translation>无有效水平衡</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="316" />
        <source>Balance</source>
        <translation>水平衡</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="317" />
        <source>Vf</source>
        <translation>新水量 Vf</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="318" />
        <source>Vr</source>
        <translation>重复利用 Vr</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="319" />
        <source>Vco</source>
        <translation>耗水量 Vco</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="320" />
        <source>Vd</source>
        <translation>排水量 Vd</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="321" />
        <source>Vl</source>
        <translation>漏溢水量 Vl</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="322" />
        <source>Vt</source>
        <translation>用水量 Vt</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="324" />
        <source>Complete</source>
        <translation>数据完整</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="331" />
        <source>Enterprise, test-day average (m³/d)</source>
        <translation>全厂，测试日平均（m³/d）</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="333" />
        <source>Enterprise, annualised (m³/a)</source>
        <translation>全厂，折算全年（m³/a）</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="337" />
        <source>Level %1 units (m³/d)</source>
        <translation>%1级单元合计（m³/d）</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="357" />
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="358" />
        <source>no: %1</source>
        <translation>否：%1</translation>
    </message>
</context>
<context>
    <name>WaterBalancePanel</name>
    <message>
        <location filename="../../gui/analysis/water_balance_panel.py" line="74" />
        <source>Computing the water balance…</source>
        <translation>正在计算水平衡…</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_balance_panel.py" line="77" />
        <source>Recompute</source>
        <translation>重新计算</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_balance_panel.py" line="79" />
        <source>Save diagram…</source>
        <translation>保存水平衡图…</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_balance_panel.py" line="109" />
        <location filename="../../gui/analysis/water_balance_panel.py" line="254" />
        <source>Select a unit to see its test days.</source>
        <translation>选择一个用水单元以查看其逐日水量。</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_balance_panel.py" line="115" />
        <source>Unit balance</source>
        <translation>单元水平衡</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_balance_panel.py" line="116" />
        <source>Totals</source>
        <translation>水平衡汇总</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_balance_panel.py" line="117" />
        <source>Indicators</source>
        <translation>评价指标</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_balance_panel.py" line="118" />
        <source>Comparisons</source>
        <translation>对标评价</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_balance_panel.py" line="119" />
        <source>Flags</source>
        <translation>问题清单</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_balance_panel.py" line="121" />
        <source>Diagram</source>
        <translation>水平衡图</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_balance_panel.py" line="124" />
        <source>≈ estimated, * calculated from the balance; red: closure beyond tolerance or incomplete data. Double-click a row to open its record.</source>
        <translation>≈ 估算值，* 按平衡计算；红色：水平衡误差超出允许值或数据不完整。双击某行可打开对应记录。</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_balance_panel.py" line="159" />
        <source>Water balance</source>
        <translation>水平衡</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_balance_panel.py" line="176" />
        <source>The water balance could not be computed: %1</source>
        <translation>无法计算水平衡：%1</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_balance_panel.py" line="191" />
        <source>Flags (%1)</source>
        <translation>问题清单（%1）</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_balance_panel.py" line="202" />
        <source>Test %1, %2 days. Enterprise: new water %3 m³/d, repeated use %4 m³/d, closure %5 %.</source>
        <translation>测试 %1 起共 %2 天。全厂：新水量 %3 m³/d，重复利用水量 %4 m³/d，水平衡误差 %5%。</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_balance_panel.py" line="212" />
        <source>Incomplete: %1.</source>
        <translation>数据不完整：%1。</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_balance_panel.py" line="215" />
        <source>%1 flags (%2 errors).</source>
        <translation>共 %1 个问题（其中错误 %2 个）。</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_balance_panel.py" line="227" />
        <location filename="../../gui/analysis/water_balance_panel.py" line="242" />
        <source>Save the water-balance diagram</source>
        <translation>保存水平衡图</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_balance_panel.py" line="229" />
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG 图片 (*.png);;SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_balance_panel.py" line="243" />
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_balance_panel.py" line="256" />
        <source>Test days of %1 (m³; ≈ estimated, * calculated)</source>
        <translation>%1 的逐日水量（m³；≈ 估算，* 按平衡计算）</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_balance_panel.py" line="259" />
        <source>%1 is the sum of its sub-units; select one to see its test days.</source>
        <translation>%1 为其下级单元之和，请选择下级单元查看逐日水量。</translation>
    </message>
</context>
<context>
    <name>panels</name>
    <message>
        <location filename="../../gui/analysis/water_balance_panel.py" line="273" />
        <source>Water balance</source>
        <translation>水平衡</translation>
    </message>
</context>
<context>
    <name>units</name>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="24" />
        <source>m³/10k yuan</source>
        <translation>m³/万元</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/water_models.py" line="25" />
        <source>L/(person·d)</source>
        <translation>L/(人·d)</translation>
    </message>
</context>
</TS>