<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>PhotoCommands</name>
    <message>
        <location filename="../../gui/photos/commands.py" line="23"/>
        <source>Add photos (%1)</source>
        <translation>添加照片（%1 张）</translation>
    </message>
    <message>
        <location filename="../../gui/photos/commands.py" line="55"/>
        <source>Delete photos (%1)</source>
        <translation>删除照片（%1 张）</translation>
    </message>
    <message>
        <location filename="../../gui/photos/commands.py" line="78"/>
        <source>Remove photos from the record (%1)</source>
        <translation>从记录中移除照片（%1 张）</translation>
    </message>
    <message>
        <location filename="../../gui/photos/commands.py" line="103"/>
        <source>Caption a photo</source>
        <translation>填写照片说明</translation>
    </message>
</context>
<context>
    <name>PhotoImportJob</name>
    <message>
        <location filename="../../gui/photos/import_job.py" line="84"/>
        <source>Importing photos…</source>
        <translation>正在导入照片…</translation>
    </message>
</context>
<context>
    <name>PhotoViewer</name>
    <message>
        <location filename="../../gui/photos/viewer.py" line="59"/>
        <source>What the photo shows, in your words (at most %1 characters)</source>
        <translation>用自己的话写明照片内容（最多 %1 个字符）</translation>
    </message>
    <message>
        <location filename="../../gui/photos/viewer.py" line="77"/>
        <source>Caption</source>
        <translation>照片说明</translation>
    </message>
    <message>
        <location filename="../../gui/photos/viewer.py" line="79"/>
        <source>Attached to</source>
        <translation>关联记录</translation>
    </message>
    <message>
        <location filename="../../gui/photos/viewer.py" line="80"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../gui/photos/viewer.py" line="81"/>
        <source>Taken</source>
        <translation>拍摄时间</translation>
    </message>
    <message>
        <location filename="../../gui/photos/viewer.py" line="82"/>
        <source>Original</source>
        <translation>原图</translation>
    </message>
    <message>
        <location filename="../../gui/photos/viewer.py" line="83"/>
        <source>Stored</source>
        <translation>存储</translation>
    </message>
    <message>
        <location filename="../../gui/photos/viewer.py" line="84"/>
        <source>Added</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../gui/photos/viewer.py" line="85"/>
        <source>SHA-256 of the original</source>
        <translation>原图 SHA-256</translation>
    </message>
    <message>
        <location filename="../../gui/photos/viewer.py" line="105"/>
        <source>Photo %1 of %2 – %3</source>
        <translation>照片 %1/%2 – %3</translation>
    </message>
    <message>
        <location filename="../../gui/photos/viewer.py" line="112"/>
        <source>not recorded in the photo</source>
        <translation>照片中未记录</translation>
    </message>
    <message>
        <location filename="../../gui/photos/viewer.py" line="130"/>
        <source>no record</source>
        <translation>无关联记录</translation>
    </message>
    <message>
        <location filename="../../gui/photos/viewer.py" line="158"/>
        <source>The photo cannot be shown.</source>
        <translation>无法显示该照片。</translation>
    </message>
</context>
<context>
    <name>PhotosModel</name>
    <message>
        <location filename="../../gui/photos/model.py" line="95"/>
        <source>no record (attach it by dropping it on a record)</source>
        <translation>无（将照片拖放到记录上即可关联）</translation>
    </message>
    <message>
        <location filename="../../gui/photos/model.py" line="89"/>
        <source>Not attached to a record</source>
        <translation>未关联记录</translation>
    </message>
    <message>
        <location filename="../../gui/photos/model.py" line="100"/>
        <source>Attached to: %1</source>
        <translation>所属记录：%1</translation>
    </message>
    <message>
        <location filename="../../gui/photos/model.py" line="94"/>
        <source>not recorded in the photo</source>
        <translation>照片中未记录</translation>
    </message>
    <message>
        <location filename="../../gui/photos/model.py" line="99"/>
        <source>Caption: %1</source>
        <translation>照片说明：%1</translation>
    </message>
    <message>
        <location filename="../../gui/photos/model.py" line="102"/>
        <source>Taken: %1</source>
        <translation>拍摄时间：%1</translation>
    </message>
    <message>
        <location filename="../../gui/photos/model.py" line="103"/>
        <source>Original: %1</source>
        <translation>原图：%1</translation>
    </message>
    <message>
        <location filename="../../gui/photos/model.py" line="106"/>
        <source>Stored: %1</source>
        <translation>存储：%1</translation>
    </message>
</context>
<context>
    <name>PhotosView</name>
    <message>
        <location filename="../../gui/photos/view.py" line="111"/>
        <source>Show the record this photo is attached to</source>
        <translation>显示该照片关联的记录</translation>
    </message>
    <message>
        <location filename="../../gui/photos/view.py" line="110"/>
        <source>Open its record</source>
        <translation>打开所属记录</translation>
    </message>
    <message>
        <location filename="../../gui/photos/view.py" line="104"/>
        <source>Add photos…</source>
        <translation>添加照片…</translation>
    </message>
    <message>
        <location filename="../../gui/photos/view.py" line="105"/>
        <source>View</source>
        <translation>查看</translation>
    </message>
    <message>
        <location filename="../../gui/photos/view.py" line="107"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../gui/photos/view.py" line="109"/>
        <source>Remove from record</source>
        <translation>从记录中移除</translation>
    </message>
    <message>
        <location filename="../../gui/photos/view.py" line="112"/>
        <source>Caption…</source>
        <translation>照片说明…</translation>
    </message>
    <message>
        <location filename="../../gui/photos/view.py" line="114"/>
        <source>Write what the photo shows; it appears under the photo and in the report</source>
        <translation>写明照片内容；说明显示在照片下方及报告中</translation>
    </message>
    <message>
        <location filename="../../gui/photos/view.py" line="134"/>
        <source>Drop photos here or use “Add photos…”.</source>
        <translation>将照片拖放到此处，或使用“添加照片…”。</translation>
    </message>
    <message>
        <location filename="../../gui/photos/view.py" line="173"/>
        <source>Photos: %1</source>
        <translation>照片：%1</translation>
    </message>
    <message>
        <location filename="../../gui/photos/view.py" line="191"/>
        <source>Add photos</source>
        <translation>添加照片</translation>
    </message>
    <message>
        <location filename="../../gui/photos/view.py" line="191"/>
        <source>Images (%1)</source>
        <translation>图片 (%1)</translation>
    </message>
</context>
<context>
    <name>RecordsModel</name>
    <message>
        <location filename="../../gui/records/model.py" line="193"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../gui/records/model.py" line="193"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../gui/records/model.py" line="197"/>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../gui/records/model.py" line="255"/>
        <source>Deleted record (restore it to edit)</source>
        <translation>已删除的记录（恢复后才能编辑）</translation>
    </message>
    <message>
        <location filename="../../gui/records/model.py" line="260"/>
        <source>Not asked for this record; the value is kept.</source>
        <translation>此记录不需要填写该项；已有数值仍保留。</translation>
    </message>
    <message>
        <location filename="../../gui/records/model.py" line="293"/>
        <source>Required</source>
        <translation>必填</translation>
    </message>
</context>
<context>
    <name>RecordsView</name>
    <message>
        <location filename="../../gui/records/view.py" line="237"/>
        <source>Open record</source>
        <translation>打开记录</translation>
    </message>
    <message>
        <location filename="../../gui/records/view.py" line="239"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../gui/records/view.py" line="241"/>
        <source>Duplicate</source>
        <translation>复制行</translation>
    </message>
    <message>
        <location filename="../../gui/records/view.py" line="243"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../gui/records/view.py" line="245"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../../gui/records/view.py" line="246"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../gui/records/view.py" line="247"/>
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <location filename="../../gui/records/view.py" line="249"/>
        <source>Filter</source>
        <translation>筛选</translation>
    </message>
    <message>
        <location filename="../../gui/records/view.py" line="263"/>
        <source>Show deleted</source>
        <translation>显示已删除</translation>
    </message>
    <message>
        <location filename="../../gui/records/view.py" line="268"/>
        <source>Filter: words in any column</source>
        <translation>筛选：任意列中的文字</translation>
    </message>
    <message>
        <location filename="../../gui/records/view.py" line="382"/>
        <source>Records: %1</source>
        <translation>记录：%1</translation>
    </message>
    <message>
        <location filename="../../gui/records/view.py" line="384"/>
        <source>deleted: %1</source>
        <translation>已删除：%1</translation>
    </message>
    <message>
        <location filename="../../gui/records/view.py" line="512"/>
        <source>Duplicate records (%1)</source>
        <translation>复制记录（%1 条）</translation>
    </message>
    <message>
        <location filename="../../gui/records/view.py" line="558"/>
        <source>%1 records</source>
        <translation>%1 条记录</translation>
    </message>
    <message>
        <location filename="../../gui/records/view.py" line="630"/>
        <source>Paste cells (%1)</source>
        <translation>粘贴单元格（%1 个）</translation>
    </message>
</context>
</TS>
