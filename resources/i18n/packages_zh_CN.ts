<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>PackageExportDialog</name>
    <message>
        <location filename="../../gui/package_export.py" line="46"/>
        <location filename="../../gui/package_export.py" line="75"/>
        <source>Export package</source>
        <translation>导出数据包</translation>
    </message>
    <message>
        <location filename="../../gui/package_export.py" line="49"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../gui/package_export.py" line="54"/>
        <source>Include the Excel report</source>
        <translation>附带 Excel 报告</translation>
    </message>
    <message>
        <location filename="../../gui/package_export.py" line="62"/>
        <source>Package</source>
        <translation>数据包</translation>
    </message>
    <message>
        <location filename="../../gui/package_export.py" line="64"/>
        <source>Language of the report</source>
        <translation>报告语言</translation>
    </message>
    <message>
        <location filename="../../gui/package_export.py" line="67"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../gui/package_export.py" line="75"/>
        <source>Audit packages (*.zip)</source>
        <translation>诊断数据包 (*.zip)</translation>
    </message>
</context>
<context>
    <name>PackageExportJob</name>
    <message>
        <location filename="../../gui/package_export.py" line="108"/>
        <source>Writing the report…</source>
        <translation>正在生成报告…</translation>
    </message>
    <message>
        <location filename="../../gui/package_export.py" line="109"/>
        <source>Adding the photos…</source>
        <translation>正在加入照片…</translation>
    </message>
    <message>
        <location filename="../../gui/package_export.py" line="110"/>
        <source>Signing…</source>
        <translation>正在签名…</translation>
    </message>
    <message>
        <location filename="../../gui/package_export.py" line="111"/>
        <source>Reading the package back to check it…</source>
        <translation>正在读回数据包进行校验…</translation>
    </message>
    <message>
        <location filename="../../gui/package_export.py" line="135"/>
        <source>Writing the package…</source>
        <translation>正在生成数据包…</translation>
    </message>
</context>
<context>
    <name>PackageExporter</name>
    <message>
        <location filename="../../gui/package_export.py" line="151"/>
        <source>Export &amp;package…</source>
        <translation>导出数据包(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../gui/package_export.py" line="152"/>
        <source>Write the signed package of this audit for the county office</source>
        <translation>生成本诊断的签名数据包，报送县级机构</translation>
    </message>
    <message>
        <location filename="../../gui/package_export.py" line="182"/>
        <source>Export cancelled; nothing was written.</source>
        <translation>已取消导出，未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../../gui/package_export.py" line="193"/>
        <source>The package was written, but the audit could not be marked as sent.</source>
        <translation>数据包已写入，但无法将本诊断标记为已报送。</translation>
    </message>
    <message>
        <location filename="../../gui/package_export.py" line="196"/>
        <source>Package written to %1 and read back intact (revision %2): safe to remove the drive.</source>
        <translation>数据包已写入 %1 并读回校验无误（第%2版）：可以安全移除存储设备。</translation>
    </message>
    <message>
        <location filename="../../gui/package_export.py" line="221"/>
        <source>Export package</source>
        <translation>导出数据包</translation>
    </message>
    <message>
        <location filename="../../gui/package_export.py" line="222"/>
        <source>The package was not written.</source>
        <translation>数据包未写入。</translation>
    </message>
</context>
</TS>
