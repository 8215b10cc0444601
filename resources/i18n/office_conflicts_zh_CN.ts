<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1">
<context>
    <name>ComparisonModel</name>
    <message>
        <location filename="../work/wt-office13/gui/office/conflicts.py" line="141" />
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../work/wt-office13/gui/office/conflicts.py" line="141" />
        <source>Office version</source>
        <translation>办公室版本</translation>
    </message>
    <message>
        <location filename="../work/wt-office13/gui/office/conflicts.py" line="141" />
        <source>Package version</source>
        <translation>数据包版本</translation>
    </message>
    <message>
        <location filename="../work/wt-office13/gui/office/conflicts.py" line="158" />
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../work/wt-office13/gui/office/conflicts.py" line="158" />
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../work/wt-office13/gui/office/conflicts.py" line="177" />
        <source>deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <location filename="../work/wt-office13/gui/office/conflicts.py" line="177" />
        <source>kept</source>
        <translation>保留</translation>
    </message>
    <message>
        <location filename="../work/wt-office13/gui/office/conflicts.py" line="179" />
        <source>Record</source>
        <translation>记录</translation>
    </message>
</context>
<context>
    <name>ConflictsModel</name>
    <message>
        <location filename="../work/wt-office13/gui/office/conflicts.py" line="78" />
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <location filename="../work/wt-office13/gui/office/conflicts.py" line="79" />
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../work/wt-office13/gui/office/conflicts.py" line="80" />
        <source>Office</source>
        <translation>办公室</translation>
    </message>
    <message>
        <location filename="../work/wt-office13/gui/office/conflicts.py" line="81" />
        <source>Package</source>
        <translation>数据包</translation>
    </message>
    <message>
        <location filename="../work/wt-office13/gui/office/conflicts.py" line="82" />
        <source>Differs in</source>
        <translation>不同之处</translation>
    </message>
    <message>
        <location filename="../work/wt-office13/gui/office/conflicts.py" line="104" />
        <source>revision %1 by %2, %3</source>
        <translation>第 %1 版，%2，%3</translation>
    </message>
    <message>
        <location filename="../work/wt-office13/gui/office/conflicts.py" line="126" />
        <source>deleted</source>
        <translation>已删除</translation>
    </message>
</context>
<context>
    <name>ConflictsTab</name>
    <message>
        <location filename="../work/wt-office13/gui/office/conflicts.py" line="215" />
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <location filename="../work/wt-office13/gui/office/conflicts.py" line="218" />
        <source>&amp;Import packages…</source>
        <translation>导入数据包(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../work/wt-office13/gui/office/conflicts.py" line="230" />
        <source>Keep &amp;office version</source>
        <translation>保留办公室版本(&amp;O)</translation>
    </message>
    <message>
        <location filename="../work/wt-office13/gui/office/conflicts.py" line="231" />
        <source>Take &amp;package version</source>
        <translation>采用数据包版本(&amp;P)</translation>
    </message>
    <message>
        <location filename="../work/wt-office13/gui/office/conflicts.py" line="272" />
        <source>%1 conflict(s) to settle: each record was changed at the office and in a package.</source>
        <translation>有 %1 个冲突待处理：这些记录在办公室和数据包中都被修改过。</translation>
    </message>
    <message>
        <location filename="../work/wt-office13/gui/office/conflicts.py" line="276" />
        <source>No conflicts to settle.</source>
        <translation>没有待处理的冲突。</translation>
    </message>
    <message>
        <location filename="../work/wt-office13/gui/office/conflicts.py" line="314" />
        <location filename="../work/wt-office13/gui/office/conflicts.py" line="351" />
        <source>Import packages</source>
        <translation>导入数据包</translation>
    </message>
    <message>
        <location filename="../work/wt-office13/gui/office/conflicts.py" line="314" />
        <source>Audit packages (*.zip)</source>
        <translation>诊断数据包 (*.zip)</translation>
    </message>
    <message>
        <location filename="../work/wt-office13/gui/office/conflicts.py" line="330" />
        <source>Importing packages</source>
        <translation>正在导入数据包</translation>
    </message>
    <message>
        <location filename="../work/wt-office13/gui/office/conflicts.py" line="342" />
        <source>Nothing imported.</source>
        <translation>未导入任何数据包。</translation>
    </message>
    <message>
        <location filename="../work/wt-office13/gui/office/conflicts.py" line="348" />
        <source>%1 package(s) are signed by keys not registered here. Accept them anyway? The receipt records that you accepted them.</source>
        <translation>有 %1 个数据包由未在此登记的密钥签名。仍要接受吗？接收记录会写明由您接受。</translation>
    </message>
</context>
</TS>