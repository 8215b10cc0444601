<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AddProgressCommand</name>
    <message>
        <location filename="../../gui/office/progress_dialog.py" line="132"/>
        <source>Add progress of %1</source>
        <translation>添加进展：%1</translation>
    </message>
</context>
<context>
    <name>CarbonTab</name>
    <message>
        <location filename="../../gui/office/carbon.py" line="28"/>
        <source>Carbon efficiency</source>
        <translation>碳效码</translation>
    </message>
    <message>
        <location filename="../../gui/office/carbon.py" line="30"/>
        <source>By industry</source>
        <translation>按行业</translation>
    </message>
    <message>
        <location filename="../../gui/office/carbon.py" line="31"/>
        <source>By town</source>
        <translation>按乡镇（街道）</translation>
    </message>
    <message>
        <location filename="../../gui/office/carbon.py" line="37"/>
        <source>Grade distribution (DB33/T 1347-2023, bands unverified [U])</source>
        <translation>碳效等级分布（DB33/T 1347-2023，分级阈值未核实 [U]）</translation>
    </message>
    <message>
        <location filename="../../gui/office/carbon.py" line="42"/>
        <source>Moved grade since the previous audit</source>
        <translation>较上次诊断等级变化的企业</translation>
    </message>
    <message>
        <location filename="../../gui/office/carbon.py" line="44"/>
        <source>Grade 4 and 5, with the measures the expert accepted</source>
        <translation>4、5 级企业及专家已采纳的措施</translation>
    </message>
</context>
<context>
    <name>EditProjectCommand</name>
    <message>
        <location filename="../../gui/office/project_dialog.py" line="67"/>
        <source>Edit project %1</source>
        <translation>编辑项目：%1</translation>
    </message>
</context>
<context>
    <name>EnterpriseDialog</name>
    <message>
        <location filename="../../gui/office/enterprise.py" line="64"/>
        <source>%1 — audits and trends</source>
        <translation>%1 — 历次诊断与趋势</translation>
    </message>
    <message>
        <location filename="../../gui/office/enterprise.py" line="66"/>
        <source>%1 (%2): audits %3</source>
        <translation>%1（%2）：共 %3 次诊断</translation>
    </message>
    <message>
        <location filename="../../gui/office/enterprise.py" line="93"/>
        <source>Each point is one audit: see the table below</source>
        <translation>每个点为一次诊断，详见下表</translation>
    </message>
</context>
<context>
    <name>OfficeModels</name>
    <message>
        <location filename="../../gui/office/models.py" line="59"/>
        <source>From audit %1, revision %2</source>
        <translation>来自诊断 %1，版本 %2</translation>
    </message>
    <message>
        <location filename="../../gui/office/models.py" line="108"/>
        <source>[U] rests on an unverified coefficient or threshold</source>
        <translation>[U] 含未核实的系数或阈值</translation>
    </message>
</context>
<context>
    <name>OfficeWindow</name>
    <message>
        <location filename="../../gui/office/launcher.py" line="19"/>
        <source>Open &amp;office database…</source>
        <translation>打开办公室数据库(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../gui/office/launcher.py" line="29"/>
        <source>Office database (*.fieldoffice *.office *.sqlite);;All files (*)</source>
        <translation>办公室数据库 (*.fieldoffice *.office *.sqlite);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../gui/office/window.py" line="29"/>
        <source>FieldAudit office — %1</source>
        <translation>FieldAudit 办公室 — %1</translation>
    </message>
    <message>
        <location filename="../../gui/office/window.py" line="103"/>
        <source>An import is already running: drop the packages again when it ends.</source>
        <translation>已有导入正在进行：导入结束后请再次拖放这些数据包。</translation>
    </message>
    <message>
        <location filename="../../gui/office/window.py" line="39"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../gui/office/window.py" line="40"/>
        <source>&amp;Export workbook…</source>
        <translation>导出工作簿(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../gui/office/window.py" line="44"/>
        <source>&amp;Close office</source>
        <translation>关闭办公室数据库(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../gui/office/window.py" line="48"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../gui/office/window.py" line="49"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../gui/office/window.py" line="51"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../gui/office/window.py" line="66"/>
        <source>Export workbook</source>
        <translation>导出工作簿</translation>
    </message>
    <message>
        <location filename="../../gui/office/window.py" line="66"/>
        <source>Excel (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../gui/office/window.py" line="79"/>
        <source>Workbook written to %1</source>
        <translation>工作簿已写入 %1</translation>
    </message>
</context>
<context>
    <name>ProgressDialog</name>
    <message>
        <location filename="../../gui/office/progress_dialog.py" line="45"/>
        <source>Progress of %1</source>
        <translation>项目进展：%1</translation>
    </message>
    <message>
        <location filename="../../gui/office/progress_dialog.py" line="60"/>
        <source>Attach a photo…</source>
        <translation>附加照片…</translation>
    </message>
    <message>
        <location filename="../../gui/office/progress_dialog.py" line="63"/>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <location filename="../../gui/office/progress_dialog.py" line="64"/>
        <source>Reported status</source>
        <translation>填报状态</translation>
    </message>
    <message>
        <location filename="../../gui/office/progress_dialog.py" line="65"/>
        <source>Complete</source>
        <translation>完成进度</translation>
    </message>
    <message>
        <location filename="../../gui/office/progress_dialog.py" line="66"/>
        <source>Invested to date (yuan)</source>
        <translation>累计完成投资（元）</translation>
    </message>
    <message>
        <location filename="../../gui/office/progress_dialog.py" line="67"/>
        <source>Energy saved so far (tce)</source>
        <translation>累计节能量（tce）</translation>
    </message>
    <message>
        <location filename="../../gui/office/progress_dialog.py" line="68"/>
        <source>CO₂ avoided so far (tCO2)</source>
        <translation>累计减碳量（tCO2）</translation>
    </message>
    <message>
        <location filename="../../gui/office/progress_dialog.py" line="69"/>
        <source>Water saved so far (m³)</source>
        <translation>累计节水量（m³）</translation>
    </message>
    <message>
        <location filename="../../gui/office/progress_dialog.py" line="70"/>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../gui/office/progress_dialog.py" line="71"/>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../gui/office/progress_dialog.py" line="94"/>
        <source>Photo of the work</source>
        <translation>施工照片</translation>
    </message>
    <message>
        <location filename="../../gui/office/progress_dialog.py" line="94"/>
        <source>Images (*.jpg *.jpeg *.png)</source>
        <translation>图片 (*.jpg *.jpeg *.png)</translation>
    </message>
</context>
<context>
    <name>ProjectDialog</name>
    <message>
        <location filename="../../gui/office/project_dialog.py" line="28"/>
        <source>Project %1</source>
        <translation>项目：%1</translation>
    </message>
    <message>
        <location filename="../../gui/office/project_dialog.py" line="38"/>
        <source>Owner</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <location filename="../../gui/office/project_dialog.py" line="39"/>
        <source>Investment (yuan)</source>
        <translation>计划投资（元）</translation>
    </message>
    <message>
        <location filename="../../gui/office/project_dialog.py" line="40"/>
        <source>Start</source>
        <translation>开工月份</translation>
    </message>
    <message>
        <location filename="../../gui/office/project_dialog.py" line="41"/>
        <source>Planned completion</source>
        <translation>计划完成月份</translation>
    </message>
</context>
<context>
    <name>RegisterTab</name>
    <message>
        <location filename="../../gui/office/register.py" line="38"/>
        <source>Register</source>
        <translation>企业登记表</translation>
    </message>
    <message>
        <location filename="../../gui/office/register.py" line="40"/>
        <source>Search name or credit code</source>
        <translation>搜索企业名称或统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../gui/office/register.py" line="46"/>
        <source>&amp;Open enterprise</source>
        <translation>打开企业(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../gui/office/register.py" line="63"/>
        <source>All industries</source>
        <translation>全部行业</translation>
    </message>
    <message>
        <location filename="../../gui/office/register.py" line="66"/>
        <source>All towns</source>
        <translation>全部乡镇（街道）</translation>
    </message>
    <message>
        <location filename="../../gui/office/register.py" line="69"/>
        <source>All grades</source>
        <translation>全部等级</translation>
    </message>
    <message>
        <location filename="../../gui/office/register.py" line="71"/>
        <source>Grade %1</source>
        <translation>%1 级</translation>
    </message>
    <message>
        <location filename="../../gui/office/register.py" line="72"/>
        <source>Not graded</source>
        <translation>未评级</translation>
    </message>
    <message>
        <location filename="../../gui/office/register.py" line="102"/>
        <source>Enterprises: %1</source>
        <translation>企业数：%1</translation>
    </message>
</context>
<context>
    <name>ReserveTab</name>
    <message>
        <location filename="../../gui/office/reserve.py" line="47"/>
        <source>Project reserve</source>
        <translation>项目储备库</translation>
    </message>
    <message>
        <location filename="../../gui/office/reserve.py" line="51"/>
        <source>&amp;Create projects from accepted measures</source>
        <translation>由已采纳措施生成项目(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../gui/office/reserve.py" line="52"/>
        <source>&amp;Add progress…</source>
        <translation>添加月度进展(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../gui/office/reserve.py" line="53"/>
        <source>Edit &amp;project…</source>
        <translation>编辑项目(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../gui/office/reserve.py" line="72"/>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <location filename="../../gui/office/reserve.py" line="109"/>
        <source>%1: planned %2 %4, achieved %3 %4</source>
        <translation>%1：计划 %2 %4，已实现 %3 %4</translation>
    </message>
    <message>
        <location filename="../../gui/office/reserve.py" line="116"/>
        <source> (county target %1, %2 % reached)</source>
        <translation>（全县目标 %1，完成 %2 %）</translation>
    </message>
    <message>
        <location filename="../../gui/office/reserve.py" line="124"/>
        <source>Projects: %1</source>
        <translation>项目数：%1</translation>
    </message>
</context>
<context>
    <name>WaterTab</name>
    <message>
        <location filename="../../gui/office/water.py" line="18"/>
        <source>Water conserving</source>
        <translation>节水型企业</translation>
    </message>
    <message>
        <location filename="../../gui/office/water.py" line="21"/>
        <source>Latest audit of each enterprise against GB/T 7119-2018</source>
        <translation>各企业最近一次诊断对照 GB/T 7119-2018 的评价</translation>
    </message>
</context>
</TS>
