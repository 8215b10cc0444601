<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <location filename="../../gui/app.py" line="150" />
        <source>Something went wrong in FieldAudit. Every edit made so far is saved in the audit file.</source>
        <translation>FieldAudit 出现了意外错误。此前的每一次修改都已保存在诊断文件中。</translation>
    </message>
    <message>
        <location filename="../../gui/app.py" line="155" />
        <source>Details were written to %1.</source>
        <translation>详细信息已写入 %1。</translation>
    </message>
</context>
<context>
    <name>BooleanFieldEditor</name>
    <message>
        <location filename="../../gui/form/editors.py" line="267" />
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../gui/form/editors.py" line="267" />
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>DateFieldEditor</name>
    <message>
        <location filename="../../gui/form/editors.py" line="146" />
        <source>Pick the date from a calendar</source>
        <translation>从日历中选择日期</translation>
    </message>
</context>
<context>
    <name>ExistingCopyDialog</name>
    <message>
        <location filename="../../gui/open_audit.py" line="69" />
        <source>Audit already on this computer</source>
        <translation>本机已有该诊断文件</translation>
    </message>
    <message>
        <location filename="../../gui/open_audit.py" line="72" />
        <source>%1 was copied to this computer before, as %2 (last changed %3).</source>
        <translation>%1 此前已复制到本机：%2（最后修改于 %3）。</translation>
    </message>
    <message>
        <location filename="../../gui/open_audit.py" line="79" />
        <source>Open that copy to carry on where you left off. A new copy would start a second, separate audit file.</source>
        <translation>打开该副本即可接着上次的工作继续。再复制一次会产生另一个独立的诊断文件。</translation>
    </message>
    <message>
        <location filename="../../gui/open_audit.py" line="82" />
        <source>&amp;Open the copy</source>
        <translation>打开该副本(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../gui/open_audit.py" line="83" />
        <source>Copy &amp;again</source>
        <translation>重新复制(&amp;A)</translation>
    </message>
</context>
<context>
    <name>FormView</name>
    <message>
        <location filename="../../gui/form/view.py" line="55" />
        <source>Override %1</source>
        <translation>手工覆盖 %1</translation>
    </message>
    <message>
        <location filename="../../gui/form/view.py" line="57" />
        <source>Recalculate %1</source>
        <translation>重新计算 %1</translation>
    </message>
    <message>
        <location filename="../../gui/form/view.py" line="179" />
        <source>Photos of this record</source>
        <translation>本记录的照片</translation>
    </message>
    <message>
        <location filename="../../gui/form/view.py" line="204" />
        <source>Required before the audit is finalised; a draft may leave it empty.</source>
        <translation>定稿前必须填写；草稿阶段可暂时留空。</translation>
    </message>
    <message>
        <location filename="../../gui/form/view.py" line="220" />
        <source>Override</source>
        <translation>手工覆盖</translation>
    </message>
    <message>
        <location filename="../../gui/form/view.py" line="222" />
        <source>Calculated as %1. Tick to enter the value by hand.</source>
        <translation>按 %1 计算。勾选后可手工录入数值。</translation>
    </message>
    <message>
        <location filename="../../gui/form/view.py" line="266" />
        <source>(deleted)</source>
        <translation>（已删除）</translation>
    </message>
    <message>
        <location filename="../../gui/form/view.py" line="361" />
        <source>Not filled in yet: type in any field to start.</source>
        <translation>尚未填写：在任一字段中输入即可开始。</translation>
    </message>
    <message>
        <location filename="../../gui/form/view.py" line="363" />
        <source>No record selected.</source>
        <translation>未选择记录。</translation>
    </message>
    <message>
        <location filename="../../gui/form/view.py" line="366" />
        <source>Revision %1, last changed %2 by %3</source>
        <translation>第 %1 版，最后修改：%2，修改人：%3</translation>
    </message>
    <message>
        <location filename="../../gui/form/view.py" line="369" />
        <source>deleted (undo or restore it to edit)</source>
        <translation>已删除（撤销或恢复后方可编辑）</translation>
    </message>
    <message>
        <location filename="../../gui/form/view.py" line="373" />
        <source>entered with form version %1, shown with version %2</source>
        <translation>按第 %1 版表单录入，现以第 %2 版显示</translation>
    </message>
    <message>
        <location filename="../../gui/form/view.py" line="406" />
        <source>Still empty (required): %1</source>
        <translation>尚未填写的必填项：%1</translation>
    </message>
    <message>
        <location filename="../../gui/form/view.py" line="452" />
        <source>Hidden by earlier answers, values kept: %1</source>
        <translation>因前面的回答而隐藏、但仍保留数值的字段：%1</translation>
    </message>
    <message>
        <location filename="../../gui/form/view.py" line="485" />
        <source>Error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <location filename="../../gui/form/view.py" line="487" />
        <source>Check: %1</source>
        <translation>请核实：%1</translation>
    </message>
</context>
<context>
    <name>InUseDialog</name>
    <message>
        <location filename="../../gui/open_audit.py" line="35" />
        <source>Audit in use</source>
        <translation>诊断文件正在使用</translation>
    </message>
    <message>
        <location filename="../../gui/open_audit.py" line="38" />
        <source>Opened by %1 in process %2 on computer %3.</source>
        <translation>打开者：%1，进程 %2，计算机 %3。</translation>
    </message>
    <message>
        <location filename="../../gui/open_audit.py" line="42" />
        <source>Open it read-only to look at it, or ask them to close it first.</source>
        <translation>可以只读方式查看，或请对方先关闭该文件。</translation>
    </message>
    <message>
        <location filename="../../gui/open_audit.py" line="44" />
        <source>Open &amp;read-only</source>
        <translation>只读打开(&amp;R)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Conflicts &amp;with imported copies</source>
        <translation>与导入副本的冲突(&amp;W)</translation>
    </message>
    <message>
        <source>Records changed both here and in an imported copy</source>
        <translation>本诊断与导入副本中都被修改过的记录</translation>
    </message>
    <message>
        <source>%1 conflicts with imported copies to settle.</source>
        <translation>有 %1 处与导入副本的冲突待处理。</translation>
    </message>
    <message>
        <source>To do: errors %1 · missing %2 · warnings %3</source>
        <translation>待办：错误 %1 · 缺失 %2 · 警告 %3</translation>
    </message>
    <message>
        <source>To do: nothing</source>
        <translation>待办：无</translation>
    </message>
    <message>
        <source>Open the to-do list (Ctrl+Shift+T)</source>
        <translation>打开待办事项（Ctrl+Shift+T）</translation>
    </message>
    <message>
        <source>Hide the review pane</source>
        <translation>隐藏检查窗格</translation>
    </message>
    <message>
        <source>F&amp;ind a record…</source>
        <translation>查找记录(&amp;I)…</translation>
    </message>
    <message>
        <source>Every missing value, error and warning of the audit in one list</source>
        <translation>在一个列表中列出整个诊断的缺失值、错误和警告</translation>
    </message>
    <message>
        <source>&amp;To do</source>
        <translation>待办事项(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;History of the record</source>
        <translation>记录的修改历史(&amp;H)</translation>
    </message>
    <message>
        <source>This view has no table to add a record to.</source>
        <translation>当前视图没有可新增记录的表格。</translation>
    </message>
    <message>
        <source>Add a record to the table shown (Ctrl+N in the table or its form)</source>
        <translation>在当前表格中新增一条记录（在表格或其表单中按 Ctrl+N）</translation>
    </message>
    <message>
        <source>&amp;New record</source>
        <translation>新建记录(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="76" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="77" />
        <source>&amp;New audit…</source>
        <translation>新建诊断(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="78" />
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="79" />
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="81" />
        <source>Open the &amp;demo audit</source>
        <translation>打开演示诊断(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="83" />
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="85" />
        <source>&amp;Close audit</source>
        <translation>关闭诊断(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="88" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="92" />
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="94" />
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="96" />
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="102" />
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="107" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="108" />
        <source>&amp;Navigator</source>
        <translation>导航栏(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="112" />
        <source>Next &amp;incomplete item</source>
        <translation>下一个未完成项(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="114" />
        <source>Go to the next form or record with missing required values or errors</source>
        <translation>转到下一个缺少必填项或有错误的表单或记录</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="117" />
        <source>Switch between navigator and &amp;form</source>
        <translation>在导航栏和表单之间切换(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="119" />
        <source>&amp;Colour scheme</source>
        <translation>配色方案(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="122" />
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="123" />
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="124" />
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="132" />
        <source>Full &amp;screen</source>
        <translation>全屏(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="135" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="136" />
        <source>&amp;About FieldAudit</source>
        <translation>关于 FieldAudit(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="139" />
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="150" />
        <source>No audit opened yet.</source>
        <translation>尚未打开过诊断文件。</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="166" />
        <source>Nothing is missing: no required value is empty and there are no errors.</source>
        <translation>没有遗漏：所有必填项均已填写，也没有错误。</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="180" />
        <source>Open audit</source>
        <translation>打开诊断</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="180" />
        <source>FieldAudit audits (*.fieldaudit);;All files (*)</source>
        <translation>FieldAudit 诊断文件 (*.fieldaudit);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="188" />
        <source>%1 is already open.</source>
        <translation>%1 已经打开。</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="197" />
        <source>New audit</source>
        <translation>新建诊断</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="197" />
        <location filename="../../gui/main_window.py" line="280" />
        <source>FieldAudit audits (*.fieldaudit)</source>
        <translation>FieldAudit 诊断文件 (*.fieldaudit)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="207" />
        <source>Cannot create audit</source>
        <translation>无法创建诊断</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="218" />
        <source>Building the demo audit…</source>
        <translation>正在生成演示诊断…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="224" />
        <source>Demo audit</source>
        <translation>演示诊断</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="249" />
        <source>Read-only: changes cannot be saved.</source>
        <translation>只读：修改无法保存。</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="251" />
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="280" />
        <source>Save a copy as</source>
        <translation>副本另存为</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="291" />
        <location filename="../../gui/main_window.py" line="297" />
        <source>Save As</source>
        <translation>另存为</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="291" />
        <source>%1 already exists; choose another name.</source>
        <translation>%1 已存在，请换一个名称。</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="301" />
        <source>Now editing %1; %2 keeps the state it had.</source>
        <translation>现在编辑的是 %1；%2 保持另存时的状态。</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="326" />
        <source>[read-only]</source>
        <translation>[只读]</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="354" />
        <source>The new language is used after FieldAudit is restarted.</source>
        <translation>重新启动 FieldAudit 后将使用新的语言。</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="359" />
        <source>About FieldAudit</source>
        <translation>关于 FieldAudit</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="361" />
        <source>FieldAudit %1
Offline energy audits and water-balance tests following the Chinese national standards.</source>
        <translation>FieldAudit %1
依据中国国家标准的离线能源审计与水平衡测试工具。</translation>
    </message>
</context>
<context>
    <name>Navigator</name>
    <message>
        <location filename="../../gui/navigator/view.py" line="55" />
        <source>Energy and production</source>
        <translation>能源与产品产量</translation>
    </message>
    <message>
        <location filename="../../gui/navigator/view.py" line="56" />
        <source>Equipment</source>
        <translation>用能设备</translation>
    </message>
    <message>
        <location filename="../../gui/navigator/view.py" line="57" />
        <source>Measurements</source>
        <translation>现场测试</translation>
    </message>
    <message>
        <location filename="../../gui/navigator/view.py" line="58" />
        <source>Water-balance test</source>
        <translation>水平衡测试</translation>
    </message>
    <message>
        <location filename="../../gui/navigator/view.py" line="59" />
        <source>Notes</source>
        <translation>备注与观察</translation>
    </message>
    <message>
        <location filename="../../gui/navigator/view.py" line="60" />
        <source>Analysis</source>
        <translation>分析</translation>
    </message>
    <message>
        <location filename="../../gui/navigator/view.py" line="68" />
        <source>Nothing entered yet</source>
        <translation>尚未录入</translation>
    </message>
    <message>
        <location filename="../../gui/navigator/view.py" line="72" />
        <source>Required values missing: %1</source>
        <translation>缺少必填项：%1</translation>
    </message>
    <message>
        <location filename="../../gui/navigator/view.py" line="75" />
        <source>Errors: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <location filename="../../gui/navigator/view.py" line="77" />
        <source>Warnings: %1</source>
        <translation>提醒：%1</translation>
    </message>
    <message>
        <location filename="../../gui/navigator/view.py" line="78" />
        <source>Complete</source>
        <translation>已完整</translation>
    </message>
    <message>
        <location filename="../../gui/navigator/view.py" line="189" />
        <location filename="../../gui/navigator/view.py" line="201" />
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../gui/navigator/view.py" line="419" />
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
</context>
<context>
    <name>OpenAudit</name>
    <message>
        <location filename="../../gui/open_audit.py" line="175" />
        <source>Opened read-only: this audit could not be upgraded to this version of FieldAudit.</source>
        <translation>已以只读方式打开：此诊断文件无法升级到本版本 FieldAudit。</translation>
    </message>
    <message>
        <location filename="../../gui/open_audit.py" line="122" />
        <location filename="../../gui/open_audit.py" line="129" />
        <location filename="../../gui/open_audit.py" line="138" />
        <location filename="../../gui/open_audit.py" line="144" />
        <location filename="../../gui/open_audit.py" line="202" />
        <source>Cannot open audit</source>
        <translation>无法打开诊断</translation>
    </message>
    <message>
        <location filename="../../gui/open_audit.py" line="126" />
        <source>Opened read-only: another FieldAudit is editing this audit.</source>
        <translation>已以只读方式打开：另一个 FieldAudit 正在编辑此诊断。</translation>
    </message>
    <message>
        <location filename="../../gui/open_audit.py" line="141" />
        <source>Opened read-only: the file or its folder cannot be written.</source>
        <translation>已以只读方式打开：该文件或其所在文件夹不可写入。</translation>
    </message>
    <message>
        <location filename="../../gui/open_audit.py" line="148" />
        <source>Recovered the lock left by process %1 on %2, which ended without closing the audit.</source>
        <translation>已收回计算机 %2 上进程 %1 留下的锁：该进程未关闭诊断文件就已结束。</translation>
    </message>
    <message>
        <location filename="../../gui/open_audit.py" line="189" />
        <source>Audit copied to this computer</source>
        <translation>诊断文件已复制到本机</translation>
    </message>
    <message>
        <location filename="../../gui/open_audit.py" line="207" />
        <source>Copying the audit to this computer…</source>
        <translation>正在将诊断文件复制到本机…</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../../gui/preferences.py" line="171" />
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <location filename="../../gui/preferences.py" line="177" />
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../gui/preferences.py" line="178" />
        <source>A new language is used after FieldAudit is restarted.</source>
        <translation>重新启动 FieldAudit 后将使用新的语言。</translation>
    </message>
    <message>
        <location filename="../../gui/preferences.py" line="182" />
        <source>Auditor &amp;name</source>
        <translation>审计员姓名(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../gui/preferences.py" line="184" />
        <source>&amp;Organisation</source>
        <translation>所在机构(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../gui/preferences.py" line="185" />
        <source>Every edit is signed with the name and organisation.</source>
        <translation>每次修改都会记录该姓名和机构。</translation>
    </message>
    <message>
        <location filename="../../gui/preferences.py" line="189" />
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../gui/preferences.py" line="193" />
        <source>Audits &amp;folder</source>
        <translation>诊断文件夹(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../gui/preferences.py" line="203" />
        <source>Audits folder</source>
        <translation>诊断文件夹</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <location filename="../../gui/start_page.py" line="45" />
        <source>Energy audits, energy-conservation diagnosis and water-balance tests, offline. Version %1</source>
        <translation>离线开展能源审计、节能诊断和水平衡测试。版本 %1</translation>
    </message>
    <message>
        <location filename="../../gui/start_page.py" line="51" />
        <source>&amp;New audit…</source>
        <translation>新建诊断(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../gui/start_page.py" line="52" />
        <source>&amp;Open audit…</source>
        <translation>打开诊断(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../gui/start_page.py" line="53" />
        <source>Open the &amp;demo audit</source>
        <translation>打开演示诊断(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../gui/start_page.py" line="64" />
        <source>Recent audits</source>
        <translation>最近打开的诊断</translation>
    </message>
    <message>
        <location filename="../../gui/start_page.py" line="79" />
        <source>%1 (not found: on a removed stick or moved?)</source>
        <translation>%1（找不到：U 盘已拔出或文件已移动？）</translation>
    </message>
    <message>
        <location filename="../../gui/start_page.py" line="82" />
        <source>No audit opened yet.</source>
        <translation>尚未打开过诊断文件。</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <location filename="../../gui/workspace.py" line="126" />
        <source>This view could not be opened: %1</source>
        <translation>无法打开此视图：%1</translation>
    </message>
    <message>
        <location filename="../../gui/workspace.py" line="306" />
        <source>Opening %1…</source>
        <translation>正在打开“%1”…</translation>
    </message>
</context>
<context>
    <name>jobs</name>
    <message>
        <location filename="../../gui/jobs.py" line="70" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../gui/jobs.py" line="211" />
        <source>The background work stopped unexpectedly (exit code %1).</source>
        <translation>后台计算意外中止（退出代码 %1）。</translation>
    </message>
</context>
<context>
    <name>undo</name>
    <message>
        <source>Keep my version of %1</source>
        <translation>保留本方版本：%1</translation>
    </message>
    <message>
        <source>Take their version of %1</source>
        <translation>采用对方版本：%1</translation>
    </message>
    <message>
        <location filename="../../gui/i18n.py" line="47" />
        <source>Edit %1</source>
        <translation>编辑 %1</translation>
    </message>
    <message>
        <location filename="../../gui/i18n.py" line="48" />
        <source>Add %1</source>
        <translation>添加 %1</translation>
    </message>
    <message>
        <location filename="../../gui/i18n.py" line="49" />
        <source>Delete %1</source>
        <translation>删除 %1</translation>
    </message>
    <message>
        <location filename="../../gui/i18n.py" line="50" />
        <source>Restore %1</source>
        <translation>恢复 %1</translation>
    </message>
</context>
<context>
    <name>units</name>
    <message>
        <location filename="../../gui/form/editors.py" line="31" />
        <source>10k yuan</source>
        <translation>万元</translation>
    </message>
    <message>
        <location filename="../../gui/form/editors.py" line="32" />
        <source>yuan</source>
        <translation>元</translation>
    </message>
    <message>
        <location filename="../../gui/form/editors.py" line="33" />
        <source>yuan/m³</source>
        <translation>元/m³</translation>
    </message>
    <message>
        <location filename="../../gui/form/editors.py" line="34" />
        <source>tCO2/10k yuan</source>
        <translation>tCO2/万元</translation>
    </message>
    <message>
        <location filename="../../gui/form/editors.py" line="35" />
        <source>persons</source>
        <translation>人</translation>
    </message>
    <message>
        <location filename="../../gui/form/editors.py" line="36" />
        <source>d</source>
        <translation>天</translation>
    </message>
    <message>
        <location filename="../../gui/form/editors.py" line="37" />
        <source>d/a</source>
        <translation>天/年</translation>
    </message>
    <message>
        <location filename="../../gui/form/editors.py" line="38" />
        <source>h/d</source>
        <translation>h/天</translation>
    </message>
    <message>
        <location filename="../../gui/form/editors.py" line="39" />
        <source>kJ per kg or m³</source>
        <translation>kJ/kg 或 kJ/m³</translation>
    </message>
</context>
<context>
    <name>AuditorDialog</name>
    <message>
        <source>Who is auditing?</source>
        <translation>审计员是谁？</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>以后再说</translation>
    </message>
    <message>
        <source>Every edit in an audit is signed with the auditor's name and organisation, so that the office can see who entered what. You can change them later in Edit &gt; Preferences.</source>
        <translation>诊断中的每次修改都以审计员姓名和单位署名，便于主管部门了解谁录入了什么。之后可在“编辑 &gt; 首选项”中修改。</translation>
    </message>
    <message>
        <source>Edits are signed with the computer's login name until a name is given.</source>
        <translation>填写姓名之前，修改记录以本机登录名署名。</translation>
    </message>
    <message>
        <source>Auditor &amp;name</source>
        <translation>审计员姓名(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Organisation</source>
        <translation>单位(&amp;O)</translation>
    </message>
</context>
<context>
    <name>TableCopier</name>
    <message>
        <source>Copy table</source>
        <translation>复制整个表格</translation>
    </message>
    <message>
        <source>Copy every row with its headers, to paste into Excel or WPS</source>
        <translation>复制全部行及表头，可粘贴到 Excel 或 WPS</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
</context>
<context>
    <name>FindView</name>
    <message>
        <source>The first %1 records found.</source>
        <translation>仅列出前 %1 条记录。</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>No record holds “%1”.</source>
        <translation>没有记录包含“%1”。</translation>
    </message>
    <message>
        <source>Found in</source>
        <translation>匹配内容</translation>
    </message>
    <message>
        <source>Find a record: tag, name or any value</source>
        <translation>查找记录：编号、名称或任意数值</translation>
    </message>
    <message>
        <source>%1 records found.</source>
        <translation>找到 %1 条记录。</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>When, who</source>
        <translation>时间、修改人</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>修改内容</translation>
    </message>
    <message>
        <source>Select a record to see its history.</source>
        <translation>选择一条记录以查看其修改记录。</translation>
    </message>
    <message>
        <source>History of %1: %2 changes, newest first.</source>
        <translation>%1 的修改记录：共 %2 次，最新的在前。</translation>
    </message>
</context>
<context>
    <name>ConflictsView</name>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Differs (here | theirs)</source>
        <translation>不同之处（本方 | 对方）</translation>
    </message>
    <message>
        <source>&amp;Keep mine</source>
        <translation>保留本方(&amp;K)</translation>
    </message>
    <message>
        <source>Take &amp;theirs</source>
        <translation>采用对方(&amp;T)</translation>
    </message>
    <message>
        <source>Keep this audit&apos;s version; it becomes newer than both.</source>
        <translation>保留本诊断的版本，它将成为比双方都新的版本。</translation>
    </message>
    <message>
        <source>Replace this audit&apos;s version with the one from the imported copy.</source>
        <translation>用导入副本中的版本替换本诊断的版本。</translation>
    </message>
    <message>
        <source>%1 records were changed both here and in an imported copy. Both versions are kept until you choose one.</source>
        <translation>有 %1 条记录在本诊断和导入的副本中都被修改过。在您选择之前，两个版本都会保留。</translation>
    </message>
    <message>
        <source>No conflicts: every imported change was merged.</source>
        <translation>没有冲突：导入的修改均已合并。</translation>
    </message>
</context>
<context>
    <name>ReviewPane</name>
    <message>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>Conflicts (%1)</source>
        <translation>冲突（%1）</translation>
    </message>
    <message>
        <source>To do (%1)</source>
        <translation>待办事项（%1）</translation>
    </message>
    <message>
        <source>To do</source>
        <translation>待办事项</translation>
    </message>
    <message>
        <source>History</source>
        <translation>修改历史</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
</context>
<context>
    <name>TodoView</name>
    <message>
        <source>Whole audit: errors %1, missing values %2, warnings %3.</source>
        <translation>整个诊断：错误 %1 个，缺失值 %2 个，警告 %3 个。</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>处理事项</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>To do</source>
        <translation>待办事项</translation>
    </message>
    <message>
        <source>The to-do list could not be made: %1</source>
        <translation>无法生成待办事项：%1</translation>
    </message>
    <message>
        <source>Nothing to do: no missing values, errors or warnings.</source>
        <translation>没有待办：无缺失值、错误或警告。</translation>
    </message>
    <message>
        <source>Missing values</source>
        <translation>缺失值</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>Looking through the audit…</source>
        <translation>正在检查整个诊断…</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Double-click or press Enter on a line to go to its record and field.</source>
        <translation>双击或按回车键转到该行对应的记录和字段。</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>核实</translation>
    </message>
</context>
<context>
    <name>UpgradeFailedDialog</name>
    <message>
        <location filename="../../gui/open_audit.py" line="75" />
        <source>Cannot upgrade audit</source>
        <translation>无法升级诊断文件</translation>
    </message>
</context>
</TS>