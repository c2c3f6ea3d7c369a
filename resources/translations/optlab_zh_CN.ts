<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
  <context>
    <name>ActivationPanel</name>
    <message>
      <source>ActivationPanel</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>BatchNormPanel</name>
    <message>
      <source>BatchNormPanel</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>ErrorDialog</name>
    <message>
      <source>OptLab: something went wrong</source>
      <translation>OptLab：出现了错误</translation>
    </message>
    <message>
      <source>OptLab keeps running. The details below were also written to the log file; please attach them when you report the problem.</source>
      <translation>OptLab 仍在运行。下面的详细信息也已写入日志文件；报告问题时请附上这些信息。</translation>
    </message>
    <message>
      <source>Copy details</source>
      <translation>复制详细信息</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>Activation functions</source>
      <translation>激活函数</translation>
    </message>
    <message>
      <source>BatchNorm</source>
      <translation>批归一化</translation>
    </message>
    <message>
      <source>Optimizers</source>
      <translation>优化器</translation>
    </message>
    <message>
      <source>OptLab: how deep networks learn</source>
      <translation>OptLab：深度网络如何学习</translation>
    </message>
    <message>
      <source>&amp;File</source>
      <translation>文件(&amp;F)</translation>
    </message>
    <message>
      <source>&amp;View</source>
      <translation>视图(&amp;V)</translation>
    </message>
    <message>
      <source>&amp;Help</source>
      <translation>帮助(&amp;H)</translation>
    </message>
    <message>
      <source>Theme</source>
      <translation>主题</translation>
    </message>
    <message>
      <source>Language</source>
      <translation>语言</translation>
    </message>
    <message>
      <source>Step</source>
      <translation>单步</translation>
    </message>
    <message>
      <source>Advance one step (Right arrow)</source>
      <translation>前进一步（右方向键）</translation>
    </message>
    <message>
      <source>Reset</source>
      <translation>重置</translation>
    </message>
    <message>
      <source>Start the experiment again (R)</source>
      <translation>重新开始实验（R）</translation>
    </message>
    <message>
      <source>Export…</source>
      <translation>导出…</translation>
    </message>
    <message>
      <source>Save the plots and their data (Ctrl+E)</source>
      <translation>保存图表及其数据（Ctrl+E）</translation>
    </message>
    <message>
      <source>Presentation mode</source>
      <translation>演示模式</translation>
    </message>
    <message>
      <source>Large fonts and a high-contrast theme for the projector (F5)</source>
      <translation>适合投影仪的大字体与高对比度主题（F5）</translation>
    </message>
    <message>
      <source>Full screen</source>
      <translation>全屏</translation>
    </message>
    <message>
      <source>Quit</source>
      <translation>退出</translation>
    </message>
    <message>
      <source>About OptLab</source>
      <translation>关于 OptLab</translation>
    </message>
    <message>
      <source>Dark</source>
      <translation>深色</translation>
    </message>
    <message>
      <source>Light</source>
      <translation>浅色</translation>
    </message>
    <message>
      <source>Pause</source>
      <translation>暂停</translation>
    </message>
    <message>
      <source>Start</source>
      <translation>开始</translation>
    </message>
    <message>
      <source>Start or pause (Space)</source>
      <translation>开始或暂停（空格键）</translation>
    </message>
    <message>
      <source>The translation could not be loaded; staying in English.</source>
      <translation>无法加载翻译文件，界面保持英文。</translation>
    </message>
    <message>
      <source>No Chinese font is installed, so Chinese text would show as boxes. Install one, for example fonts-wqy-microhei (Debian/Ubuntu) or fonts-noto-cjk.</source>
      <translation>系统未安装中文字体，中文会显示为方框。请安装一种中文字体，例如 fonts-wqy-microhei（Debian/Ubuntu）或 fonts-noto-cjk。</translation>
    </message>
    <message>
      <source>&lt;h3&gt;OptLab {version}&lt;/h3&gt;&lt;p&gt;A lab for teaching how deep networks learn: activation functions, BatchNorm and optimizers, live.&lt;/p&gt;</source>
      <translation>&lt;h3&gt;OptLab {version}&lt;/h3&gt;&lt;p&gt;一个讲解深度网络如何学习的实验室：激活函数、批归一化与优化器，现场实时演示。&lt;/p&gt;</translation>
    </message>
  </context>
  <context>
    <name>TrainingPanel</name>
    <message>
      <source>TrainingPanel</source>
      <translation type="unfinished" />
    </message>
  </context>
</TS>