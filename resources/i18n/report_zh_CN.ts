<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ReportExportDialog</name>
    <message>
        <location filename="../../gui/report_export.py" line="48"/>
        <location filename="../../gui/report_export.py" line="73"/>
        <source>Export report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <location filename="../../gui/report_export.py" line="51"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../gui/report_export.py" line="61"/>
        <source>Workbook</source>
        <translation>工作簿</translation>
    </message>
    <message>
        <location filename="../../gui/report_export.py" line="62"/>
        <source>Language of the report</source>
        <translation>报告语言</translation>
    </message>
    <message>
        <location filename="../../gui/report_export.py" line="65"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../gui/report_export.py" line="73"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>ReportExportJob</name>
    <message>
        <location filename="../../gui/report_export.py" line="112"/>
        <source>Writing the report…</source>
        <translation>正在生成报告…</translation>
    </message>
</context>
<context>
    <name>ReportExporter</name>
    <message>
        <location filename="../../gui/report_export.py" line="128"/>
        <source>Export &amp;report…</source>
        <translation>导出报告(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../gui/report_export.py" line="129"/>
        <source>Write the Excel workbook of this audit (in Chinese or English)</source>
        <translation>生成本诊断的 Excel 报告工作簿（中文或英文）</translation>
    </message>
    <message>
        <location filename="../../gui/report_export.py" line="155"/>
        <source>Export cancelled; nothing was written.</source>
        <translation>已取消导出，未写入任何文件。</translation>
    </message>
    <message>
        <location filename="../../gui/report_export.py" line="162"/>
        <source>Report written to %1</source>
        <translation>报告已写入 %1</translation>
    </message>
    <message>
        <location filename="../../gui/report_export.py" line="168"/>
        <source>Export report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <location filename="../../gui/report_export.py" line="169"/>
        <source>The report was not written.</source>
        <translation>报告未能写入。</translation>
    </message>
</context>
</TS>
