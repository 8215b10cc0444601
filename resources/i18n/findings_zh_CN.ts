<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>Findings</name>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Cannot assess</source>
        <translation>无法评估</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>标准</translation>
    </message>
    <message>
        <source>Measures</source>
        <translation>节能措施</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>限值</translation>
    </message>
    <message>
        <source>Measure not quantified</source>
        <translation>措施无法量化</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <source>Running the rules…</source>
        <translation>正在运行诊断规则…</translation>
    </message>
    <message>
        <source>All severities</source>
        <translation>全部严重程度</translation>
    </message>
    <message>
        <source>Recompute</source>
        <translation>重新计算</translation>
    </message>
    <message>
        <source>Findings are engineering judgement by the rules named; form warnings stay on the forms. Select a finding for its evidence and clause; double-click to open its record. ⚠ unverified: a threshold or coefficient is not yet checked against the official text.</source>
        <translation>诊断问题是按所列规则作出的工程判断；表单中的输入警告仍在表单中显示。选中一条问题可查看其依据数据和条款；双击打开相关记录。⚠ 未核实：阈值或系数尚未与标准原文核对。</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>诊断问题</translation>
    </message>
    <message>
        <source>The findings could not be computed: %1</source>
        <translation>无法计算诊断问题：%1</translation>
    </message>
    <message>
        <source>%1 high, %2 medium, %3 low; %4 could not be assessed; %5 measures proposed.</source>
        <translation>高 %1 项、中 %2 项、低 %3 项；%4 项无法评估；建议措施 %5 项。</translation>
    </message>
</context>
<context>
    <name>Measures</name>
    <message>
        <source>Proposed</source>
        <translation>建议</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>采纳</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>不采纳</translation>
    </message>
    <message>
        <source>Implemented</source>
        <translation>已实施</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>已核验</translation>
    </message>
    <message>
        <source>Payback too long</source>
        <translation>回收期过长</translation>
    </message>
    <message>
        <source>Requires a permit</source>
        <translation>需审批</translation>
    </message>
    <message>
        <source>Not feasible on site</source>
        <translation>现场不可行</translation>
    </message>
    <message>
        <source>Already planned by the enterprise</source>
        <translation>企业已有计划</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>No-cost / low-cost</source>
        <translation>无/低成本</translation>
    </message>
    <message>
        <source>Capital</source>
        <translation>需投资</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>措施</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Saving per year</source>
        <translation>年节约量</translation>
    </message>
    <message>
        <source>tce/a</source>
        <translation>tce/年</translation>
    </message>
    <message>
        <source>tCO₂/a</source>
        <translation>tCO₂/年</translation>
    </message>
    <message>
        <source>yuan/a</source>
        <translation>元/年</translation>
    </message>
    <message>
        <source>Investment, yuan</source>
        <translation>投资（元）</translation>
    </message>
    <message>
        <source>Payback, a</source>
        <translation>回收期（年）</translation>
    </message>
    <message>
        <source>Cost class</source>
        <translation>投资类别</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入项</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>取值</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Savings by measure (tce/a, equivalent value)</source>
        <translation>各措施节能量（tce/年，当量值）</translation>
    </message>
    <message>
        <source>Changed by the expert</source>
        <translation>专家修改</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>计算方法</translation>
    </message>
    <message>
        <source>Priced at</source>
        <translation>计价依据</translation>
    </message>
    <message>
        <source>equal value</source>
        <translation>等价值</translation>
    </message>
</context>
<context>
    <name>MeasuresPanel</name>
    <message>
        <source>Computing measures…</source>
        <translation>正在计算节能措施…</translation>
    </message>
    <message>
        <source>Recompute</source>
        <translation>重新计算</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>采纳</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>不采纳</translation>
    </message>
    <message>
        <source>Open decision…</source>
        <translation>打开决定记录…</translation>
    </message>
    <message>
        <source>The decision record: status, narrative, investment, life and every override</source>
        <translation>决定记录：状态、说明、投资、寿命及所有修改的输入</translation>
    </message>
    <message>
        <source>Measures</source>
        <translation>节能措施</translation>
    </message>
    <message>
        <source>Savings by measure</source>
        <translation>措施节能量图</translation>
    </message>
    <message>
        <source>Edit an input&apos;s value below the table to override it (recorded with the decision; * marks changed inputs). Costs and lives are planning figures (⚠ unverified) until replaced by quotations.</source>
        <translation>在表格下方修改输入值即可覆盖默认值（随决定记录保存；* 表示已修改）。投资与寿命为规划估算值（⚠ 未核实），应以报价替换。</translation>
    </message>
    <message>
        <source>The measures could not be computed: %1</source>
        <translation>无法计算节能措施：%1</translation>
    </message>
    <message>
        <source>No measures.</source>
        <translation>无节能措施。</translation>
    </message>
    <message>
        <source>Total: %1 tce/a (equal value %2), %3 tCO₂/a, %4 yuan/a for %5 yuan invested (payback %6 a); no-cost/low-cost %7 yuan, capital %8 yuan. Measures on the same equipment are applied in sequence.</source>
        <translation>合计：节能 %1 tce/年（等价值 %2），减碳 %3 tCO₂/年，节约 %4 元/年，投资 %5 元（回收期 %6 年）；其中无/低成本 %7 元，需投资 %8 元。同一设备上的措施按顺序叠加计算。</translation>
    </message>
</context>
<context>
    <name>panels</name>
    <message>
        <source>Findings</source>
        <translation>诊断问题</translation>
    </message>
    <message>
        <source>Measures</source>
        <translation>节能措施</translation>
    </message>
</context>
</TS>
