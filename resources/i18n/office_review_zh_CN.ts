<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ReviewTab</name>
    <message>
        <location filename="../../work/wt-review13/gui/office/review.py" line="75"/>
        <location filename="../../work/wt-review13/gui/office/review.py" line="81"/>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <location filename="../../work/wt-review13/gui/office/review.py" line="78"/>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <location filename="../../work/wt-review13/gui/office/review.py" line="79"/>
        <source>Credit code</source>
        <translation>信用代码</translation>
    </message>
    <message>
        <location filename="../../work/wt-review13/gui/office/review.py" line="80"/>
        <source>Revision</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../work/wt-review13/gui/office/review.py" line="82"/>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <location filename="../../work/wt-review13/gui/office/review.py" line="86"/>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <location filename="../../work/wt-review13/gui/office/review.py" line="86"/>
        <source>Comment</source>
        <translation>意见</translation>
    </message>
    <message>
        <location filename="../../work/wt-review13/gui/office/review.py" line="86"/>
        <source>By</source>
        <translation>审核人</translation>
    </message>
    <message>
        <location filename="../../work/wt-review13/gui/office/review.py" line="86"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../work/wt-review13/gui/office/review.py" line="92"/>
        <source>Comment for the auditor (required for “has issues”)</source>
        <translation>给审计员的意见（“有问题”时必填）</translation>
    </message>
    <message>
        <location filename="../../work/wt-review13/gui/office/review.py" line="99"/>
        <source>Mark &amp;received</source>
        <translation>标记为已接收(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../work/wt-review13/gui/office/review.py" line="100"/>
        <source>&amp;Has issues</source>
        <translation>有问题(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../work/wt-review13/gui/office/review.py" line="101"/>
        <source>&amp;Accept</source>
        <translation>通过(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../work/wt-review13/gui/office/review.py" line="105"/>
        <source>Re&amp;turn to auditor…</source>
        <translation>退回审计员(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../work/wt-review13/gui/office/review.py" line="131"/>
        <source>Review history</source>
        <translation>审核记录</translation>
    </message>
    <message>
        <location filename="../../work/wt-review13/gui/office/review.py" line="161"/>
        <source>%1 audit(s) in the office.</source>
        <translation>办公室共有 %1 个诊断。</translation>
    </message>
    <message>
        <location filename="../../work/wt-review13/gui/office/review.py" line="163"/>
        <source>No audits yet: import packages first.</source>
        <translation>尚无诊断：请先导入数据包。</translation>
    </message>
    <message>
        <location filename="../../work/wt-review13/gui/office/review.py" line="204"/>
        <source>%1: %2.</source>
        <translation>%1：%2。</translation>
    </message>
    <message>
        <location filename="../../work/wt-review13/gui/office/review.py" line="216"/>
        <source>Return to auditor</source>
        <translation>退回审计员</translation>
    </message>
    <message>
        <location filename="../../work/wt-review13/gui/office/review.py" line="216"/>
        <source>Audit packages (*.zip)</source>
        <translation>诊断数据包 (*.zip)</translation>
    </message>
    <message>
        <location filename="../../work/wt-review13/gui/office/review.py" line="236"/>
        <source>Returning the audit</source>
        <translation>正在退回诊断</translation>
    </message>
    <message>
        <location filename="../../work/wt-review13/gui/office/review.py" line="248"/>
        <source>Returned to the auditor: %1 (package %2).</source>
        <translation>已退回审计员：%1（数据包 %2）。</translation>
    </message>
</context>
</TS>
