<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ReviewTab</name>
    <message>
        <location filename="../../gui/office/review.py" line="61"/>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <location filename="../../gui/office/review.py" line="72"/>
        <source>Comment for the auditor (required for “has issues”)</source>
        <translation>给审计员的意见（“有问题”时必填）</translation>
    </message>
    <message>
        <location filename="../../gui/office/review.py" line="79"/>
        <source>Mark &amp;received</source>
        <translation>标记为已接收(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../gui/office/review.py" line="80"/>
        <source>&amp;Has issues</source>
        <translation>有问题(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../gui/office/review.py" line="81"/>
        <source>&amp;Accept</source>
        <translation>通过(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../gui/office/review.py" line="85"/>
        <source>Re&amp;turn to auditor…</source>
        <translation>退回审计员(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../gui/office/review.py" line="107"/>
        <source>Review history</source>
        <translation>审核记录</translation>
    </message>
    <message>
        <location filename="../../gui/office/review.py" line="137"/>
        <source>%1 audit(s) in the office.</source>
        <translation>办公室共有 %1 个诊断。</translation>
    </message>
    <message>
        <location filename="../../gui/office/review.py" line="139"/>
        <source>No audits yet: import packages first.</source>
        <translation>尚无诊断：请先导入数据包。</translation>
    </message>
    <message>
        <location filename="../../gui/office/review.py" line="180"/>
        <source>%1: %2.</source>
        <translation>%1：%2。</translation>
    </message>
    <message>
        <location filename="../../gui/office/review.py" line="192"/>
        <source>Return to auditor</source>
        <translation>退回审计员</translation>
    </message>
    <message>
        <location filename="../../gui/office/review.py" line="192"/>
        <source>Audit packages (*.zip)</source>
        <translation>诊断数据包 (*.zip)</translation>
    </message>
    <message>
        <location filename="../../gui/office/review.py" line="212"/>
        <source>Returning the audit</source>
        <translation>正在退回诊断</translation>
    </message>
    <message>
        <location filename="../../gui/office/review.py" line="224"/>
        <source>Returned to the auditor: %1 (package %2).</source>
        <translation>已退回审计员：%1（数据包 %2）。</translation>
    </message>
</context>
</TS>
