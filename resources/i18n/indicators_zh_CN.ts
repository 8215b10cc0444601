<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AnalysisPanel</name>
    <message>
        <source>Recompute</source>
        <translation>重新计算</translation>
    </message>
</context>
<context>
    <name>IndicatorCard</name>
    <message>
        <source>not computed</source>
        <translation>未计算</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/indicators_panel.py" line="97"/>
        <source>Grade %1</source>
        <translation>%1级</translation>
    </message>
</context>
<context>
    <name>Indicators</name>
    <message>
        <source>not computed</source>
        <translation>未计算</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/indicators_models.py" line="36"/>
        <source>via</source>
        <translation>转引自</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/indicators_models.py" line="37"/>
        <source>Inputs</source>
        <translation>输入数据</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/indicators_models.py" line="38"/>
        <source>Sources</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/indicators_models.py" line="39"/>
        <source>Comprehensive energy consumption</source>
        <translation>综合能耗</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/indicators_models.py" line="40"/>
        <source>(not counted)</source>
        <translation>（不计入）</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/indicators_models.py" line="66"/>
        <source>unverified</source>
        <translation>未核实</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/indicators_models.py" line="153"/>
        <source>Not counted in the total (medium or generated on site).</source>
        <translation>未计入综合能耗（耗能工质或自产自用）。</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/indicators_models.py" line="170"/>
        <source>(generated on site)</source>
        <translation>（自产自用）</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/indicators_models.py" line="186"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/indicators_models.py" line="206"/>
        <source>Energy type</source>
        <translation>能源品种</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/indicators_models.py" line="208"/>
        <location filename="../../gui/analysis/indicators_models.py" line="254"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/indicators_models.py" line="212"/>
        <source>Period total</source>
        <translation>期间合计</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/indicators_models.py" line="252"/>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/indicators_models.py" line="253"/>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/indicators_models.py" line="255"/>
        <source>Status</source>
        <translation>核实状态</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/indicators_models.py" line="296"/>
        <source>verified source</source>
        <translation>来源已核实</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/indicators_models.py" line="311"/>
        <source>Motor</source>
        <translation>电动机</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/indicators_models.py" line="312"/>
        <source>Pump</source>
        <translation>水泵</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/indicators_models.py" line="313"/>
        <source>Fan</source>
        <translation>风机</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/indicators_models.py" line="314"/>
        <source>Air compressor</source>
        <translation>空气压缩机</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/indicators_models.py" line="315"/>
        <source>Boiler</source>
        <translation>锅炉</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/indicators_models.py" line="316"/>
        <source>Transformer</source>
        <translation>变压器</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/indicators_models.py" line="324"/>
        <source>Tag</source>
        <translation>设备编号</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/indicators_models.py" line="325"/>
        <source>Equipment</source>
        <translation>设备名称</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/indicators_models.py" line="326"/>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/indicators_models.py" line="327"/>
        <source>Standard</source>
        <translation>标准</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/indicators_models.py" line="328"/>
        <source>Result</source>
        <translation>评价结果</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/indicators_models.py" line="329"/>
        <source>Compared value</source>
        <translation>比较值</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/indicators_models.py" line="330"/>
        <source>Outdated catalogue</source>
        <translation>淘汰目录</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/indicators_models.py" line="331"/>
        <source>Load / losses</source>
        <translation>负载/损耗</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/indicators_models.py" line="403"/>
        <source>Double-click to open the record.</source>
        <translation>双击打开该记录。</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/indicators_charts.py" line="60"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/indicators_charts.py" line="81"/>
        <source>Energy structure (tce, equivalent value)</source>
        <translation>能源消费结构（tce，当量值）</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/indicators_charts.py" line="98"/>
        <source>Monthly energy (tce)</source>
        <translation>逐月综合能耗（tce）</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/indicators_charts.py" line="99"/>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/indicators_charts.py" line="115"/>
        <source>No energy data for the audit period yet.</source>
        <translation>审计期内尚无能源数据。</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/indicators_charts.py" line="139"/>
        <source>Period %1; coefficients:</source>
        <translation>期间 %1；所用系数：</translation>
    </message>
</context>
<context>
    <name>IndicatorsPanel</name>
    <message>
        <source>The audit period is not set, so no energy indicator can be computed.</source>
        <translation>尚未填写审计期，无法计算任何能源指标。</translation>
    </message>
    <message>
        <source>Enter the audit period</source>
        <translation>填写审计期</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/indicators_panel.py" line="124"/>
        <source>Computing indicators…</source>
        <translation>正在计算指标…</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/indicators_panel.py" line="127"/>
        <source>Recompute</source>
        <translation>重新计算</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/indicators_panel.py" line="130"/>
        <source>Audit period</source>
        <translation>审计期</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/indicators_panel.py" line="131"/>
        <source>Comparison period</source>
        <translation>对比期</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/indicators_panel.py" line="132"/>
        <source>Period shown in the energy table and the charts</source>
        <translation>能源消费表和图表所显示的期间</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/indicators_panel.py" line="143"/>
        <source>Energy by month</source>
        <translation>逐月能源消费</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/indicators_panel.py" line="145"/>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/indicators_panel.py" line="158"/>
        <source>Intensity and carbon</source>
        <translation>能耗强度与碳排放</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/indicators_panel.py" line="163"/>
        <source>Equipment grades</source>
        <translation>设备能效等级</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/indicators_panel.py" line="167"/>
        <source>Hover over a number to see its inputs and sources. ⚠ unverified: a coefficient is not yet checked against the official text; [C]: corroborated by secondary sources only. Double-click an equipment row to open its record.</source>
        <translation>将鼠标悬停在数值上可查看输入数据和来源。⚠ 未核实：所用系数尚未与标准正式文本核对；[C]：仅有二手资料佐证。双击设备行可打开该设备记录。</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/indicators_panel.py" line="203"/>
        <source>Indicators</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/indicators_panel.py" line="220"/>
        <source>The indicators could not be computed: %1</source>
        <translation>无法计算指标：%1</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/indicators_panel.py" line="266"/>
        <source>Energy %1 tce, CO₂ %2 t; %3 of %4 pieces of equipment below grade 3, %5 in an outdated catalogue.</source>
        <translation>综合能耗 %1 tce，二氧化碳 %2 t；%4 台（套）设备中 %3 台低于3级能效，%5 台列入淘汰目录。</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/indicators_panel.py" line="277"/>
        <source>%1 problems: %2</source>
        <translation>%1 个问题：%2</translation>
    </message>
</context>
<context>
    <name>panels</name>
    <message>
        <location filename="../../gui/analysis/indicators_panel.py" line="47"/>
        <source>Indicators</source>
        <translation>指标</translation>
    </message>
</context>
</TS>
