<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
  <context>
    <name>ActivationExplanations</name>
    <message>
      <source>&lt;h3&gt;Sigmoid&lt;/h3&gt;&lt;p&gt;σ squashes every input into (0, 1). It was the classic choice, and it shows most of the problems the notes warn about.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Vanishing gradient.&lt;/b&gt; σ′ is at most 0.25 (at x = 0, marked on the plot); for inputs between 0 and 1 it lies between about 0.2 and 0.25. Backpropagation multiplies one such factor per layer, so after 10 layers a gradient is at best 0.25¹⁰ ≈ 10⁻⁶ of what it was: the layers near the input hardly learn.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Saturation.&lt;/b&gt; Beyond |x| ≈ 4.4 the curve is flat (shaded): σ′ is below 5 % of its maximum and almost no gradient gets through.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Not zero-centred.&lt;/b&gt; Every output is positive, so the gradients of all the weights entering the next unit have the same sign: in one step they all increase or all decrease, and training zig-zags. Mini-batches soften this.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Cost.&lt;/b&gt; It needs an exponential, slower than the single max of ReLU (see the measured cost).&lt;/li&gt;&lt;/ul&gt;</source>
      <translation>&lt;h3&gt;Sigmoid&lt;/h3&gt;&lt;p&gt;σ 把任意输入压缩到 (0, 1) 之间。它曾是最经典的选择，笔记里提醒的大多数问题它都有。&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;梯度消失。&lt;/b&gt;σ′ 最大只有 0.25（在 x = 0 处，图中已标出）；输入在 0 到 1 之间时，它约在 0.2 到 0.25 之间。反向传播每经过一层就乘上一个这样的因子，所以经过 10 层后，梯度最多只剩原来的 0.25¹⁰ ≈ 10⁻⁶：靠近输入的层几乎学不动。&lt;/li&gt;&lt;li&gt;&lt;b&gt;饱和。&lt;/b&gt;|x| 超过约 4.4 后曲线几乎是平的（阴影区）：σ′ 不到其最大值的 5 %，几乎没有梯度能传过去。&lt;/li&gt;&lt;li&gt;&lt;b&gt;输出不以 0 为中心。&lt;/b&gt;输出全为正，于是进入下一个神经元的所有权重的梯度符号相同：一步之内它们要么一起增大、要么一起减小，训练呈之字形前进。使用小批量（mini-batch）可以缓解。&lt;/li&gt;&lt;li&gt;&lt;b&gt;计算代价。&lt;/b&gt;它需要指数运算，比 ReLU 的一次取最大值慢（见实测耗时）。&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
      <source>&lt;h3&gt;Tanh&lt;/h3&gt;&lt;p&gt;tanh x = 2σ(2x) − 1 is a stretched sigmoid with outputs in (−1, 1).&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Zero-centred.&lt;/b&gt; Its outputs are positive and negative around 0, which fixes the sigmoid's same-sign gradients.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Still vanishing.&lt;/b&gt; Its slope is 1 only at x = 0 and it saturates on both sides (shaded beyond |x| ≈ 2.2), so deep stacks still lose their gradient.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Cost.&lt;/b&gt; Still exponentials.&lt;/li&gt;&lt;/ul&gt;</source>
      <translation>&lt;h3&gt;Tanh&lt;/h3&gt;&lt;p&gt;tanh x = 2σ(2x) − 1，是拉伸后的 sigmoid，输出在 (−1, 1) 之间。&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;以 0 为中心。&lt;/b&gt;输出在 0 附近有正有负，解决了 sigmoid 梯度同号的问题。&lt;/li&gt;&lt;li&gt;&lt;b&gt;仍会梯度消失。&lt;/b&gt;它的斜率只有在 x = 0 处才等于 1，并且两侧都会饱和（|x| 超过约 2.2 的阴影区），所以深层堆叠时梯度仍会消失。&lt;/li&gt;&lt;li&gt;&lt;b&gt;计算代价。&lt;/b&gt;仍然需要指数运算。&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
      <source>&lt;h3&gt;ReLU&lt;/h3&gt;&lt;p&gt;max(0, x): the default of modern networks.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Gradient passes unchanged.&lt;/b&gt; For x &amp;gt; 0 the slope is exactly 1, so (max f′)^L stays 1 at any depth: much of the vanishing-gradient problem is gone.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Fast.&lt;/b&gt; A single comparison, no exponential; networks also converge faster.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Dead ReLU.&lt;/b&gt; For x &amp;lt; 0 the slope is 0 (the labelled region). A unit whose input is negative for every example receives no gradient, so its weights never change again: it is dead. Bad initialisation or a too large learning rate causes it.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Not zero-centred&lt;/b&gt;, like the sigmoid.&lt;/li&gt;&lt;/ul&gt;</source>
      <translation>&lt;h3&gt;ReLU&lt;/h3&gt;&lt;p&gt;max(0, x)：现代网络的默认选择。&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;梯度原样通过。&lt;/b&gt;x &amp;gt; 0 时斜率恰好为 1，所以无论多深，(max f′)^L 都保持为 1：梯度消失问题在很大程度上得到解决。&lt;/li&gt;&lt;li&gt;&lt;b&gt;快。&lt;/b&gt;只需一次比较，没有指数运算；网络的收敛也更快。&lt;/li&gt;&lt;li&gt;&lt;b&gt;神经元死亡（Dead ReLU）。&lt;/b&gt;x &amp;lt; 0 时斜率为 0（图中标出的区域）。如果某个神经元对所有样本的输入都是负的，它就得不到任何梯度，权重再也不会更新：它“死”了。糟糕的初始化或过大的学习率都会导致这种情况。&lt;/li&gt;&lt;li&gt;&lt;b&gt;输出不以 0 为中心&lt;/b&gt;，这一点和 sigmoid 一样。&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
      <source>&lt;h3&gt;Leaky ReLU&lt;/h3&gt;&lt;p&gt;x for x &amp;gt; 0 and αx otherwise, with a small α such as 0.01.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;No dead units.&lt;/b&gt; The negative side keeps a small slope α, so a gradient always flows and a unit pushed to the negative side can come back.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Try the slider.&lt;/b&gt; α = 0 gives ReLU back; α = 1 gives the straight line, and the non-linearity is gone.&lt;/li&gt;&lt;li&gt;It costs a little more than ReLU, and in practice it is not always better.&lt;/li&gt;&lt;/ul&gt;</source>
      <translation>&lt;h3&gt;Leaky ReLU&lt;/h3&gt;&lt;p&gt;x &amp;gt; 0 时为 x，否则为 αx，α 取一个小值，例如 0.01。&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;不会有死神经元。&lt;/b&gt;负半轴保留了一个小斜率 α，梯度始终能流过，被推到负半轴的神经元还能恢复。&lt;/li&gt;&lt;li&gt;&lt;b&gt;拖动滑块试试。&lt;/b&gt;α = 0 又变回 ReLU；α = 1 变成一条直线，非线性就消失了。&lt;/li&gt;&lt;li&gt;它的计算比 ReLU 稍慢，而且实际效果并不总是比 ReLU 好。&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
      <source>&lt;h3&gt;ELU&lt;/h3&gt;&lt;p&gt;x for x &amp;gt; 0 and α(eˣ − 1) otherwise.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Negative outputs pull the mean of the activations towards 0, and the curve is smooth at 0.&lt;/li&gt;&lt;li&gt;Very negative inputs saturate at −α (shaded), which makes the unit robust to noise there, but the gradient vanishes on that side.&lt;/li&gt;&lt;li&gt;It needs an exponential for negative inputs.&lt;/li&gt;&lt;/ul&gt;</source>
      <translation>&lt;h3&gt;ELU&lt;/h3&gt;&lt;p&gt;x &amp;gt; 0 时为 x，否则为 α(eˣ − 1)。&lt;/p&gt;&lt;ul&gt;&lt;li&gt;负的输出把激活值的均值拉向 0，曲线在 0 处也是光滑的。&lt;/li&gt;&lt;li&gt;很负的输入会饱和到 −α（阴影区），使神经元在那里对噪声不敏感，但这一侧的梯度也会消失。&lt;/li&gt;&lt;li&gt;负输入时需要指数运算。&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
      <source>&lt;h3&gt;SELU&lt;/h3&gt;&lt;p&gt;λ·ELU with fixed λ ≈ 1.0507 and α ≈ 1.6733.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;The constants are chosen so that, with the right initialisation, the activations keep mean 0 and variance 1 from layer to layer: the network normalises itself.&lt;/li&gt;&lt;li&gt;Its largest slope λα ≈ 1.76 is above 1, so its best case in the depth plot grows with depth: (max f′)^L is only a bound, and the weights must keep the product near 1.&lt;/li&gt;&lt;/ul&gt;</source>
      <translation>&lt;h3&gt;SELU&lt;/h3&gt;&lt;p&gt;λ·ELU，其中 λ ≈ 1.0507、α ≈ 1.6733 是固定常数。&lt;/p&gt;&lt;ul&gt;&lt;li&gt;选取这两个常数，是为了在合适的初始化下，激活值逐层保持均值 0、方差 1：网络会自我归一化。&lt;/li&gt;&lt;li&gt;它的最大斜率 λα ≈ 1.76 大于 1，所以在深度图中它的最好情况随深度增长：(max f′)^L 只是一个上界，权重必须让乘积保持在 1 附近。&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
      <source>&lt;h3&gt;GELU&lt;/h3&gt;&lt;p&gt;x·Φ(x), here in the tanh approximation used by BERT and GPT-2.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;A smooth ReLU: large positive inputs pass, large negative ones are switched off, with a small dip just below 0.&lt;/li&gt;&lt;li&gt;Standard in Transformers; it costs a tanh and a cube per element.&lt;/li&gt;&lt;/ul&gt;</source>
      <translation>&lt;h3&gt;GELU&lt;/h3&gt;&lt;p&gt;x·Φ(x)，这里用的是 BERT 和 GPT-2 所用的 tanh 近似。&lt;/p&gt;&lt;ul&gt;&lt;li&gt;一种光滑的 ReLU：大的正输入直接通过，大的负输入被关掉，在 0 的左侧略有下凹。&lt;/li&gt;&lt;li&gt;Transformer 中的标准选择；每个元素要算一次 tanh 和一次立方。&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
      <source>&lt;h3&gt;Swish (SiLU)&lt;/h3&gt;&lt;p&gt;x·σ(x).&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Smooth and not monotonic: slightly negative just below 0, like GELU.&lt;/li&gt;&lt;li&gt;Its slope peaks at about 1.1 and saturates for very negative inputs.&lt;/li&gt;&lt;/ul&gt;</source>
      <translation>&lt;h3&gt;Swish (SiLU)&lt;/h3&gt;&lt;p&gt;x·σ(x)。&lt;/p&gt;&lt;ul&gt;&lt;li&gt;光滑但不单调：和 GELU 一样，在 0 的左侧略小于 0。&lt;/li&gt;&lt;li&gt;它的斜率最大约为 1.1，对很负的输入会饱和。&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
      <source>&lt;h3&gt;Softplus&lt;/h3&gt;&lt;p&gt;ln(1 + eˣ), a smooth ReLU; its derivative is exactly the sigmoid.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;The negative side is never exactly flat, but its slope still becomes tiny (shaded).&lt;/li&gt;&lt;li&gt;An exponential and a logarithm per element make it costly.&lt;/li&gt;&lt;/ul&gt;</source>
      <translation>&lt;h3&gt;Softplus&lt;/h3&gt;&lt;p&gt;ln(1 + eˣ)，一种光滑的 ReLU；它的导数恰好就是 sigmoid。&lt;/p&gt;&lt;ul&gt;&lt;li&gt;负半轴从不完全平坦，但斜率仍会变得非常小（阴影区）。&lt;/li&gt;&lt;li&gt;每个元素都要算一次指数和一次对数，代价较高。&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
      <source>&lt;h3&gt;Softsign&lt;/h3&gt;&lt;p&gt;x / (1 + |x|): zero-centred with outputs in (−1, 1), like tanh.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;It approaches ±1 polynomially rather than exponentially, so it saturates later: its slope falls below 5 % only beyond |x| ≈ 3.5 (tanh: ≈ 2.2).&lt;/li&gt;&lt;li&gt;No exponential: cheaper than tanh.&lt;/li&gt;&lt;/ul&gt;</source>
      <translation>&lt;h3&gt;Softsign&lt;/h3&gt;&lt;p&gt;x / (1 + |x|)：和 tanh 一样以 0 为中心，输出在 (−1, 1) 之间。&lt;/p&gt;&lt;ul&gt;&lt;li&gt;它以多项式速度而不是指数速度逼近 ±1，所以饱和得更晚：只有 |x| 超过约 3.5 时斜率才低于 5 %（tanh 约为 2.2）。&lt;/li&gt;&lt;li&gt;没有指数运算：比 tanh 便宜。&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
      <source>&lt;h3&gt;Linear (no activation)&lt;/h3&gt;&lt;p&gt;f(x) = x.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Every layer then computes an affine function of the previous layer, and a composition of affine functions is affine: however many layers, the network is equivalent to a single one and can only draw straight lines (see the non-linearity plot).&lt;/li&gt;&lt;li&gt;Its slope is 1 everywhere: nothing vanishes, but nothing is gained by depth either.&lt;/li&gt;&lt;/ul&gt;</source>
      <translation>&lt;h3&gt;线性（不用激活函数）&lt;/h3&gt;&lt;p&gt;f(x) = x。&lt;/p&gt;&lt;ul&gt;&lt;li&gt;这时每一层都只是上一层输出的仿射函数，而仿射函数的复合仍是仿射函数：无论有多少层，网络都等价于一层，只能画出直线（见非线性图）。&lt;/li&gt;&lt;li&gt;它的斜率处处为 1：梯度不会消失，但加深网络也得不到任何好处。&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
      <source>&lt;h3&gt;Maxout&lt;/h3&gt;&lt;p&gt;max(w₁x + b₁, w₂x + b₂): the larger of two affine pieces (drawn faintly), whose slopes and offsets are learned.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;ReLU is a special case:&lt;/b&gt; w₁ = b₁ = 0, w₂ = 1, b₂ = 0 gives max(0, x). Other settings give Leaky ReLU (w₁ = 0.01) or |x| (w₁ = −1).&lt;/li&gt;&lt;li&gt;Because both pieces are learned, a unit need not die as a ReLU can; the notes recommend it.&lt;/li&gt;&lt;li&gt;The price: twice the weights per unit.&lt;/li&gt;&lt;/ul&gt;</source>
      <translation>&lt;h3&gt;Maxout&lt;/h3&gt;&lt;p&gt;max(w₁x + b₁, w₂x + b₂)：取两段仿射函数（图中淡色虚线）中较大的一个，斜率和偏置都是学出来的。&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;ReLU 是它的特例：&lt;/b&gt;w₁ = b₁ = 0、w₂ = 1、b₂ = 0 时就是 max(0, x)。其他取值可以得到 Leaky ReLU（w₁ = 0.01）或 |x|（w₁ = −1）。&lt;/li&gt;&lt;li&gt;由于两段都是学出来的，神经元不会像 ReLU 那样死掉；笔记推荐使用它。&lt;/li&gt;&lt;li&gt;代价：每个神经元的权重翻倍。&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
      <source>&lt;h3&gt;Why a non-linearity at all?&lt;/h3&gt;&lt;p&gt;Without one, each layer's output is a linear function of its input, so the whole network is a linear function of the data, however deep: no better than having no hidden layer. A non-linear activation lets a deep network approximate almost any function. The non-linearity plot, beside the depth plot, pushes x through the same random network of width 32 twice: with the selected activation it bends, with “linear” it stays a straight line at every depth.&lt;/p&gt;</source>
      <translation>&lt;h3&gt;为什么需要非线性？&lt;/h3&gt;&lt;p&gt;如果没有非线性，每一层的输出都是其输入的线性函数，于是无论网络多深，整个网络都只是输入数据的线性函数：和没有隐藏层一样。非线性激活函数让深层网络几乎可以逼近任意函数。深度图旁边的非线性图把 x 两次送入同一个宽度为 32 的随机网络：用所选的激活函数时输出是弯曲的，用“线性”时在任何深度都是一条直线。&lt;/p&gt;</translation>
    </message>
  </context>
  <context>
    <name>ActivationPanel</name>
    <message>
      <source>state.x_range must run from a smaller to a larger x</source>
      <extracomment>Shares of the panel's width the list and the formulas/facts column may take at most. Font size of the controls column in presentation mode, relative to the theme's text. Milliseconds without slider or view movement before curves are drawn antialiased again. Largest seed and |x| a scene may hold. Saturated means |f′| below this fraction of its maximum (the notes' flat regions). The Maxout parameters that make it exactly ReLU. Smallest margin around the curves when the view is reset (relative to their size).</extracomment>
      <translation>state.x_range 必须从较小的 x 到较大的 x</translation>
    </message>
    <message>
      <source>dead ReLU: f′ = 0, no gradient flows</source>
      <translation>死亡 ReLU：f′ = 0，没有梯度流过</translation>
    </message>
    <message>
      <source>saturated: |f′| &lt; 5 % of max</source>
      <translation>饱和区：|f′| &lt; 最大值的 5 %</translation>
    </message>
    <message>
      <source>max σ′ = σ′(0) = {peak}</source>
      <translation>max σ′ = σ′(0) = {peak}</translation>
    </message>
    <message>
      <source>{activation}: diverged (the numbers overflowed)</source>
      <translation>{activation}：发散（数值溢出）</translation>
    </message>
    <message>
      <source>{activation}: flat, x no longer reaches the output</source>
      <translation>{activation}：输出变平，x 已无法影响输出</translation>
    </message>
    <message>
      <source>Readout at x = {x}</source>
      <translation>读数：x = {x}</translation>
    </message>
    <message>
      <source>Parameters and view reset</source>
      <translation>参数和视图已重置</translation>
    </message>
    <message>
      <source>Saved {files}</source>
      <translation>已保存 {files}</translation>
    </message>
    <message>
      <source>Activations</source>
      <translation>激活函数</translation>
    </message>
    <message>
      <source>Tick to plot, click a name to select it.</source>
      <translation>勾选以绘制，点击名称以选中。</translation>
    </message>
    <message>
      <source>Parameters</source>
      <translation>参数</translation>
    </message>
    <message>
      <source>The selected activation has no parameters.</source>
      <translation>所选激活函数没有参数。</translation>
    </message>
    <message>
      <source>ReLU as a special case</source>
      <translation>ReLU 作为特例</translation>
    </message>
    <message>
      <source>w₁ = b₁ = 0, w₂ = 1, b₂ = 0 gives max(0, x)</source>
      <translation>w₁ = b₁ = 0、w₂ = 1、b₂ = 0 时就是 max(0, x)</translation>
    </message>
    <message>
      <source>Default parameters</source>
      <translation>默认参数</translation>
    </message>
    <message>
      <source>f and f′ on one plot</source>
      <translation>f 与 f′ 画在同一图中</translation>
    </message>
    <message>
      <source>Overlay f (solid) and f′ (dashed)</source>
      <translation>叠加显示 f（实线）和 f′（虚线）</translation>
    </message>
    <message>
      <source>Reset view</source>
      <translation>重置视图</translation>
    </message>
    <message>
      <source>x from −5 to 5, y fitted to the curves</source>
      <translation>x 从 −5 到 5，y 适配曲线</translation>
    </message>
    <message>
      <source>Depth L</source>
      <translation>深度 L</translation>
    </message>
    <message>
      <source>Number of layers in the depth plot and the network</source>
      <translation>深度图和网络中的层数</translation>
    </message>
    <message>
      <source>New random weights</source>
      <translation>重新随机权重</translation>
    </message>
    <message>
      <source>f(x)</source>
      <translation>f(x)</translation>
    </message>
    <message>
      <source>f′(x)</source>
      <translation>f′(x)</translation>
    </message>
    <message>
      <source>f(x) solid, f′(x) dashed</source>
      <translation>f(x) 实线，f′(x) 虚线</translation>
    </message>
    <message>
      <source>Best case through L layers</source>
      <translation>经过 L 层后的最好情况</translation>
    </message>
    <message>
      <source>depth L</source>
      <translation>深度 L</translation>
    </message>
    <message>
      <source>(max |f′|)^L</source>
      <translation>(max |f′|)^L</translation>
    </message>
    <message>
      <source>linear</source>
      <translation>线性</translation>
    </message>
    <message>
      <source>x  (width {width}, L = {depth})</source>
      <translation>x（宽度 {width}，L = {depth}）</translation>
    </message>
    <message>
      <source>output (rescaled)</source>
      <translation>输出（已缩放）</translation>
    </message>
    <message>
      <source>f and f′</source>
      <translation>f 与 f′</translation>
    </message>
    <message>
      <source>Depth and non-linearity</source>
      <translation>深度与非线性</translation>
    </message>
    <message>
      <source>Formulas and facts</source>
      <translation>公式与性质</translation>
    </message>
  </context>
  <context>
    <name>ActivationParameters</name>
    <message>
      <source>Slope for negative inputs (0 gives ReLU, 1 gives a line)</source>
      <translation>负输入一侧的斜率（0 即 ReLU，1 即直线）</translation>
    </message>
    <message>
      <source>Very negative inputs give −α: the depth of the floor</source>
      <translation>很负的输入趋于 −α：下限的深度</translation>
    </message>
    <message>
      <source>Slope of the first piece</source>
      <translation>第一段的斜率</translation>
    </message>
    <message>
      <source>Offset of the first piece</source>
      <translation>第一段的偏置</translation>
    </message>
    <message>
      <source>Slope of the second piece</source>
      <translation>第二段的斜率</translation>
    </message>
    <message>
      <source>Offset of the second piece</source>
      <translation>第二段的偏置</translation>
    </message>
  </context>
  <context>
    <name>ActivationTable</name>
    <message>
      <source>Tick to plot it; click to select it</source>
      <extracomment>The widest text a readout cell shows (texts.number_text keeps to 8 characters). Item data role holding the exact number behind a readout cell (for tests and export). Item data role holding the activation's registry name on each row. The ticked activations changed (registry order). Another activation was selected (its parameters, formulas and facts are shown). The x of the last point readout (None before the first).</extracomment>
      <translation>勾选以绘制；点击以选中</translation>
    </message>
    <message>
      <source>Activation</source>
      <translation>激活函数</translation>
    </message>
    <message>
      <source>Value at the crosshair</source>
      <translation>十字线处的函数值</translation>
    </message>
    <message>
      <source>Slope at the crosshair</source>
      <translation>十字线处的斜率</translation>
    </message>
    <message>
      <source>Best case of a gradient after {depth} layers: (max |f′|) to the power {depth}</source>
      <translation>梯度经过 {depth} 层后的最好情况：(max |f′|) 的 {depth} 次方</translation>
    </message>
  </context>
  <context>
    <name>ActivationTitles</name>
    <message>
      <source>Sigmoid</source>
      <translation>Sigmoid</translation>
    </message>
    <message>
      <source>Tanh</source>
      <translation>Tanh</translation>
    </message>
    <message>
      <source>ReLU</source>
      <translation>ReLU</translation>
    </message>
    <message>
      <source>Leaky ReLU</source>
      <translation>Leaky ReLU</translation>
    </message>
    <message>
      <source>ELU</source>
      <translation>ELU</translation>
    </message>
    <message>
      <source>SELU</source>
      <translation>SELU</translation>
    </message>
    <message>
      <source>GELU</source>
      <translation>GELU</translation>
    </message>
    <message>
      <source>Swish</source>
      <translation>Swish</translation>
    </message>
    <message>
      <source>Softplus</source>
      <translation>Softplus</translation>
    </message>
    <message>
      <source>Softsign</source>
      <translation>Softsign</translation>
    </message>
    <message>
      <source>Linear</source>
      <translation>线性</translation>
    </message>
    <message>
      <source>Maxout</source>
      <translation>Maxout</translation>
    </message>
  </context>
  <context>
    <name>BatchNormPanel</name>
    <message>
      <source>Not trained: the networks as initialised.</source>
      <translation>尚未训练：显示刚初始化的网络。</translation>
    </message>
    <message>
      <source>Starting the training…</source>
      <translation>正在启动训练…</translation>
    </message>
    <message>
      <source>Step {step} · loss without BN {plain} · with BN {normed}</source>
      <translation>第 {step} 步 · 无 BN 损失 {plain} · 有 BN 损失 {normed}</translation>
    </message>
    <message>
      <source>diverged</source>
      <translation>发散</translation>
    </message>
    <message>
      <source>Training stopped: {reason}</source>
      <translation>训练已停止：{reason}</translation>
    </message>
    <message>
      <source>Saved {files}</source>
      <translation>已保存 {files}</translation>
    </message>
    <message>
      <source>Without BatchNorm</source>
      <translation>不带批归一化</translation>
    </message>
    <message>
      <source>With BatchNorm</source>
      <translation>带批归一化</translation>
    </message>
    <message>
      <source>layer</source>
      <translation>层</translation>
    </message>
    <message>
      <source>activation input z</source>
      <translation>激活函数的输入 z</translation>
    </message>
    <message>
      <source>share of inputs</source>
      <translation>输入所占比例</translation>
    </message>
    <message>
      <source>f(z), f′(z)</source>
      <translation>f(z), f′(z)</translation>
    </message>
    <message>
      <source>Saturated share</source>
      <translation>饱和比例</translation>
    </message>
    <message>
      <source>Mean ± std</source>
      <translation>均值 ± 标准差</translation>
    </message>
    <message>
      <source>Gradient ‖∂L/∂W‖</source>
      <translation>梯度 ‖∂L/∂W‖</translation>
    </message>
    <message>
      <source>Layer {layer} on the curve</source>
      <translation>第 {layer} 层与激活曲线</translation>
    </message>
    <message>
      <source>Every layer</source>
      <translation>所有层</translation>
    </message>
    <message>
      <source>One layer</source>
      <translation>单层</translation>
    </message>
    <message>
      <source>Per layer</source>
      <translation>逐层统计</translation>
    </message>
    <message>
      <source>Explanation</source>
      <translation>说明</translation>
    </message>
    <message>
      <source>Loss on {count} training points</source>
      <translation>{count} 个训练样本上的损失</translation>
    </message>
    <message>
      <source>saturated share</source>
      <translation>饱和比例</translation>
    </message>
    <message>
      <source>Share of each layer's activation inputs where |f′| is below 5 % of its maximum: saturated (or dead, for ReLU)</source>
      <translation>每层激活函数输入中 |f′| 小于其最大值 5% 的比例：即饱和（对 ReLU 而言是“死亡”）的部分</translation>
    </message>
    <message>
      <source>Norm of each layer's weight gradient: before training for the same random error signal at the top of both networks, while training for the loss of the mini-batch</source>
      <translation>每层权重梯度的范数：训练前为在两个网络顶部施加相同随机误差信号时的梯度，训练中为当前小批量损失的梯度</translation>
    </message>
    <message>
      <source>norm (log scale)</source>
      <translation>范数（对数）</translation>
    </message>
    <message>
      <source>state.layer must not exceed state.depth</source>
      <extracomment>Bins of the distributions across the activation's window. Shares of the panel's width the explanation column takes (at least, at most), and the share of the plots' height the per-layer summaries get. Shares of the plots' height: every layer (heat maps), one layer, per-layer summaries. Font of the controls column in presentation mode, relative to the theme's text (the hall reads the plots; the lecturer's controls stay compact).</extracomment>
      <translation>state.layer 不能超过 state.depth</translation>
    </message>
    <message>
      <source>cross-entropy (log scale)</source>
      <translation>交叉熵（对数）</translation>
    </message>
    <message>
      <source>step</source>
      <translation>步</translation>
    </message>
    <message>
      <source>without BN</source>
      <translation>无 BN</translation>
    </message>
    <message>
      <source>with BN</source>
      <translation>有 BN</translation>
    </message>
    <message>
      <source>computing gradients…</source>
      <translation>正在计算梯度…</translation>
    </message>
  </context>
  <context>
    <name>BatchNormTexts</name>
    <message>
      <source>&lt;h3&gt;Why BatchNorm helps&lt;/h3&gt;&lt;p&gt;The deeper a network, the further the inputs of its activations drift: layer after layer their distribution spreads out or shrinks and slides toward the ends of the activation's range. There the curve is flat and its derivative almost zero (the outlined band marks where it is not). Backpropagation multiplies one such factor per layer, so the gradient reaching the first layers vanishes and they hardly learn.&lt;/p&gt;&lt;p&gt;&lt;b&gt;BatchNorm&lt;/b&gt; normalises every unit's inputs over the batch to mean 0 and variance 1, then lets the network scale them by γ and shift them by β. Each layer's distribution is pulled back into the sensitive region, the derivatives stay large, the gradient reaches the first layers and training converges faster.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Try it.&lt;/b&gt; Sigmoid with weight σ = 1: without BatchNorm most units of the deep layers are saturated (bars), with it almost none. Choose Xavier or Small normal: without BatchNorm the gradient norm falls by orders of magnitude toward the first layers, with it the line stays flat. Press Train: both networks start from the same weights and see the same mini-batches; compare the two losses.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Training and evaluation mode.&lt;/b&gt; While training, BatchNorm normalises with the statistics of the batch at hand; for evaluation it uses running averages gathered during training. Before any training those are mean 0 and variance 1, so BatchNorm does nothing: switch to running statistics at step 0 and the BatchNorm column looks like the plain one; after training the two modes agree.&lt;/p&gt;</source>
      <translation>&lt;h3&gt;批归一化为什么有用&lt;/h3&gt;&lt;p&gt;网络越深，激活函数的输入分布偏移得越厉害：一层接一层，分布或者越摊越宽、或者越缩越窄，并逐渐滑向激活函数取值区间的上下两端。那里曲线几乎是平的，导数接近于零（带框的区域标出了导数仍然较大的敏感区）。反向传播时每经过一层就要乘上这样一个因子，于是传到前面几层的梯度消失了，这些层几乎学不到东西。&lt;/p&gt;&lt;p&gt;&lt;b&gt;批归一化（BatchNorm）&lt;/b&gt;在一个批次上把每个单元的输入规范化为均值 0、方差 1，再让网络用 γ 缩放、用 β 平移。每一层的分布都被拉回到敏感区域，导数保持较大，梯度能够传到前面的层，训练也收敛得更快。&lt;/p&gt;&lt;p&gt;&lt;b&gt;试一试。&lt;/b&gt;选 Sigmoid、权重 σ = 1：不带批归一化时深层的大多数单元处于饱和状态（见柱状图），带批归一化时几乎没有。改选 Xavier 或小正态分布初始化：不带批归一化时，梯度范数朝着前面的层下降好几个数量级；带批归一化时这条线基本保持水平。点击“训练”：两个网络从相同的权重出发、使用相同的小批量，比较两条损失曲线。&lt;/p&gt;&lt;p&gt;&lt;b&gt;训练模式与评估模式。&lt;/b&gt;训练时，批归一化用当前批次的统计量做规范化；评估时，用训练过程中累积的滑动平均。训练开始前这些滑动平均是均值 0、方差 1，所以此时批归一化什么也不做：在第 0 步切换到“滑动统计量”，带批归一化的一栏看起来和不带的一样；训练之后两种模式趋于一致。&lt;/p&gt;</translation>
    </message>
  </context>
  <context>
    <name>BatchRegimes</name>
    <message>
      <source>Batch GD (BGD)</source>
      <translation>批量梯度下降（BGD）</translation>
    </message>
    <message>
      <source>Stochastic GD (SGD)</source>
      <translation>随机梯度下降（SGD）</translation>
    </message>
    <message>
      <source>Mini-batch GD ({size})</source>
      <translation>小批量梯度下降（{size}）</translation>
    </message>
  </context>
  <context>
    <name>DatasetErrors</name>
    <message>
      <source>File not found: {path}</source>
      <translation>找不到文件：{path}</translation>
    </message>
    <message>
      <source>{path} is a folder, not a CSV file.</source>
      <translation>{path} 是文件夹，不是 CSV 文件。</translation>
    </message>
    <message>
      <source>Cannot read {path}: {reason}</source>
      <translation>无法读取 {path}：{reason}</translation>
    </message>
    <message>
      <source>{path} contains no data rows.</source>
      <translation>{path} 中没有数据行。</translation>
    </message>
    <message>
      <source>Line {line}: the file has more than {limit} data rows; OptLab accepts at most {limit}.</source>
      <translation>第 {line} 行：文件的数据行超过 {limit} 行；OptLab 最多接受 {limit} 行。</translation>
    </message>
    <message>
      <source>Line {line}: expected 3 columns (x1, x2, label), found {found}.</source>
      <translation>第 {line} 行：应为 3 列（x1, x2, 标签），实际为 {found} 列。</translation>
    </message>
    <message>
      <source>Line {line}: {column} "{value}" is not a number.</source>
      <translation>第 {line} 行：{column}“{value}”不是数字。</translation>
    </message>
    <message>
      <source>Line {line}: {column} "{value}" is not a finite number.</source>
      <translation>第 {line} 行：{column}“{value}”不是有限数。</translation>
    </message>
    <message>
      <source>Line {line}: the label is empty.</source>
      <translation>第 {line} 行：标签为空。</translation>
    </message>
    <message>
      <source>Line {line}: label "{value}" is not a finite number.</source>
      <translation>第 {line} 行：标签“{value}”不是有限数。</translation>
    </message>
    <message>
      <source>The file has only one class ({label}); at least two are needed.</source>
      <translation>文件中只有一个类别（{label}）；至少需要两个。</translation>
    </message>
    <message>
      <source>The file has {count} different labels; OptLab accepts at most {limit} classes.</source>
      <translation>文件中有 {count} 种不同的标签；OptLab 最多接受 {limit} 个类别。</translation>
    </message>
  </context>
  <context>
    <name>Datasets</name>
    <message>
      <source>Moons</source>
      <extracomment>Contexts of the core's strings translated here (listed for lupdate below).</extracomment>
      <translation>双月形</translation>
    </message>
    <message>
      <source>Circles</source>
      <translation>同心圆</translation>
    </message>
    <message>
      <source>Spirals</source>
      <translation>螺旋</translation>
    </message>
    <message>
      <source>XOR</source>
      <translation>异或（XOR）</translation>
    </message>
    <message>
      <source>Blobs</source>
      <translation>高斯团</translation>
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
    <name>Export</name>
    <message>
      <source>Cannot write to the folder {folder}: {reason}</source>
      <extracomment>PNGs are exported at this multiple of their on-screen width (crisp on a slide).</extracomment>
      <translation>无法写入文件夹 {folder}：{reason}</translation>
    </message>
    <message>
      <source>Cannot save {path}: {reason}</source>
      <translation>无法保存 {path}：{reason}</translation>
    </message>
    <message>
      <source>Plots can be saved as PNG or SVG, not {suffix}</source>
      <translation>图只能保存为 PNG 或 SVG，不能保存为 {suffix}</translation>
    </message>
    <message>
      <source>PNG image (*.png)</source>
      <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
      <source>SVG vector image (*.svg)</source>
      <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
      <source>CSV data (*.csv)</source>
      <translation>CSV 数据 (*.csv)</translation>
    </message>
    <message>
      <source>Export</source>
      <translation>导出</translation>
    </message>
    <message>
      <source>Export failed</source>
      <translation>导出失败</translation>
    </message>
  </context>
  <context>
    <name>FactsView</name>
    <message>
      <source>on both sides</source>
      <translation>两侧</translation>
    </message>
    <message>
      <source>for negative inputs</source>
      <translation>负输入一侧</translation>
    </message>
    <message>
      <source>no</source>
      <translation>否</translation>
    </message>
    <message>
      <source>Output range</source>
      <translation>值域</translation>
    </message>
    <message>
      <source>Zero-centred</source>
      <translation>以 0 为中心</translation>
    </message>
    <message>
      <source>Largest slope</source>
      <translation>最大斜率</translation>
    </message>
    <message>
      <source>Saturates</source>
      <translation>饱和</translation>
    </message>
    <message>
      <source>Cost per element</source>
      <translation>每个元素耗时</translation>
    </message>
    <message>
      <source>{low} to {high}</source>
      <translation>{low} 到 {high}</translation>
    </message>
    <message>
      <source>yes</source>
      <translation>是</translation>
    </message>
    <message>
      <source>Measured on this computer: f(x) on 10⁶ numbers, the fastest of 3 runs</source>
      <translation>在本机上实测：对 10⁶ 个数计算 f(x)，取 3 次中最快的一次</translation>
    </message>
    <message>
      <source>Range, zero-centring and saturation are those of the defaults.</source>
      <translation>值域、是否以 0 为中心和饱和情况按默认参数给出。</translation>
    </message>
    <message>
      <source>measuring…</source>
      <translation>测量中…</translation>
    </message>
    <message>
      <source>{cost} ns</source>
      <translation>{cost} ns</translation>
    </message>
    <message>
      <source>{cost} ns = {ratio}× ReLU</source>
      <translation>{cost} ns = ReLU 的 {ratio} 倍</translation>
    </message>
  </context>
  <context>
    <name>InitialiserTitles</name>
    <message>
      <source>Xavier / Glorot</source>
      <translation>Xavier / Glorot</translation>
    </message>
    <message>
      <source>He / Kaiming</source>
      <translation>He / Kaiming</translation>
    </message>
    <message>
      <source>Small normal</source>
      <translation>小正态分布</translation>
    </message>
    <message>
      <source>Custom</source>
      <translation>自定义</translation>
    </message>
  </context>
  <context>
    <name>InspectorPlots</name>
    <message>
      <source>Effective learning rate per coordinate</source>
      <extracomment>Points per drawn curve at most. The bias correction matters in Adam's first steps (1 − β₁ᵗ ≈ 1 after a few dozen): the m/m̂ plot shows this many. In presentation each plot keeps at least this height (times the scale) and the page scrolls to the second one, rather than squeezing both into a short sidebar.</extracomment>
      <translation>每个坐标的有效学习率</translation>
    </message>
    <message>
      <source>step</source>
      <translation>步数</translation>
    </message>
    <message>
      <source>Adam: m and bias-corrected &lt;b&gt;m̂&lt;/b&gt;, first {steps} steps</source>
      <translation>Adam：m 与偏差校正后的 &lt;b&gt;m̂&lt;/b&gt;（前 {steps} 步）</translation>
    </message>
    <message>
      <source>This optimizer uses the same learning rate η in every direction: there is no per-coordinate rate to plot. Inspect Adagrad, Adadelta, RMSprop or Adam.</source>
      <translation>这个优化器在每个方向上都使用同一个学习率 η，没有按坐标变化的学习率可画。请查看 Adagrad、Adadelta、RMSprop 或 Adam。</translation>
    </message>
    <message>
      <source>η_eff along {axis}</source>
      <translation>{axis} 方向的 η_eff</translation>
    </message>
  </context>
  <context>
    <name>LaneList</name>
    <message>
      <source>Show {optimizer} in the race</source>
      <translation>在竞赛中显示 {optimizer}</translation>
    </message>
    <message>
      <source>Choose the colour</source>
      <translation>选择颜色</translation>
    </message>
    <message>
      <source>diverged</source>
      <translation>已发散</translation>
    </message>
    <message>
      <source>Diverged at step {step}</source>
      <translation>在第 {step} 步发散</translation>
    </message>
    <message>
      <source>Optimizers</source>
      <translation>优化器</translation>
    </message>
    <message>
      <source>Choose the optimizers that take part</source>
      <translation>选择参加竞赛的优化器</translation>
    </message>
    <message>
      <source>Colour of the optimizer</source>
      <translation>优化器的颜色</translation>
    </message>
  </context>
  <context>
    <name>LessonSidebar</name>
    <message>
      <source>Lesson</source>
      <extracomment>Width of the sidebar in text heights (it grows with the presentation scale), but never more than MAX_MINIMUM_WIDTH pixels so the panel keeps the room at 1280x720.</extracomment>
      <translation>课程</translation>
    </message>
    <message>
      <source>◀ Previous</source>
      <translation>◀ 上一个</translation>
    </message>
    <message>
      <source>The previous scene (Page Up)</source>
      <translation>上一个场景（Page Up）</translation>
    </message>
    <message>
      <source>Next ▶</source>
      <translation>下一个 ▶</translation>
    </message>
    <message>
      <source>The next scene (Page Down)</source>
      <translation>下一个场景（Page Down）</translation>
    </message>
    <message>
      <source>No lesson open</source>
      <translation>尚未打开课程</translation>
    </message>
  </context>
  <context>
    <name>LossView</name>
    <message>
      <source>Press Start (Space) to race</source>
      <extracomment>In log mode, gaps below this fraction of the first loss are drawn at this floor. The most of the plot's height the legend may cover; in presentation's short plots a legend that high would hide the curves (the optimizer list names the colours there). While steps arrive, the x range leaves room for this many seconds more of them: an axis change repaints the axis with its grid (~7 ms), and growing to just the last step jumped ten times in a fast race's first second. While steps arrive, the y range may shrink (to follow a falling loss) at most this often; it grows at once, and shrinks at once when the race stands still.</extracomment>
      <translation>按“开始”（空格键）开始比赛</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>Activation functions</source>
      <extracomment>Above this presentation scale the toolbar shows icons only. Presentation scale: the step of Ctrl+= / Ctrl+-, the value of Ctrl+0, and its bounds. PNG resolutions offered for export and copy, as multiples of the on-screen size.</extracomment>
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
      <source>Open dataset…</source>
      <translation>打开数据集…</translation>
    </message>
    <message>
      <source>Load a CSV file of x1, x2, label rows for the network race</source>
      <translation>为网络比赛载入 CSV 文件（每行 x1, x2, 标签）</translation>
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
      <source>Save scene…</source>
      <translation>保存场景…</translation>
    </message>
    <message>
      <source>Save the panel's complete state as a scene file (Ctrl+S)</source>
      <translation>把当前面板的完整状态保存为场景文件（Ctrl+S）</translation>
    </message>
    <message>
      <source>Open lesson…</source>
      <translation>打开课程…</translation>
    </message>
    <message>
      <source>Open a lesson or a scene file (Ctrl+O)</source>
      <translation>打开课程或场景文件（Ctrl+O）</translation>
    </message>
    <message>
      <source>Lesson sidebar</source>
      <translation>课程侧栏</translation>
    </message>
    <message>
      <source>Lessons</source>
      <translation>课程</translation>
    </message>
    <message>
      <source>Open the lesson that comes with OptLab</source>
      <translation>打开 OptLab 自带的课程</translation>
    </message>
    <message>
      <source>Next scene</source>
      <translation>下一个场景</translation>
    </message>
    <message>
      <source>Previous scene</source>
      <translation>上一个场景</translation>
    </message>
    <message>
      <source>Larger (presentation)</source>
      <translation>放大（演示）</translation>
    </message>
    <message>
      <source>Smaller (presentation)</source>
      <translation>缩小（演示）</translation>
    </message>
    <message>
      <source>Default size (presentation)</source>
      <translation>默认大小（演示）</translation>
    </message>
    <message>
      <source>Copy plot</source>
      <translation>复制图</translation>
    </message>
    <message>
      <source>Copy the main plot to the clipboard as an image (Ctrl+Shift+C)</source>
      <translation>把主图作为图像复制到剪贴板（Ctrl+Shift+C）</translation>
    </message>
    <message>
      <source>PNG resolution</source>
      <translation>PNG 分辨率</translation>
    </message>
    <message>
      <source>{factor}× the screen size</source>
      <translation>屏幕尺寸的 {factor} 倍</translation>
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
      <source>Presentation scale {scale}</source>
      <translation>演示缩放 {scale}</translation>
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
    <message>
      <source>the lesson has no scene {number}</source>
      <translation>课程中没有第 {number} 个场景</translation>
    </message>
    <message>
      <source>Scene {number}/{count}: {title}</source>
      <translation>场景 {number}/{count}：{title}</translation>
    </message>
    <message>
      <source>Open lesson</source>
      <translation>打开课程</translation>
    </message>
    <message>
      <source>OptLab lessons and scenes (*.json)</source>
      <translation>OptLab 课程和场景 (*.json)</translation>
    </message>
    <message>
      <source>Save scene</source>
      <translation>保存场景</translation>
    </message>
    <message>
      <source>OptLab scene (*.json)</source>
      <translation>OptLab 场景 (*.json)</translation>
    </message>
    <message>
      <source>Cannot save the scene</source>
      <translation>无法保存场景</translation>
    </message>
    <message>
      <source>Scene saved to {path}</source>
      <translation>场景已保存到 {path}</translation>
    </message>
    <message>
      <source>This panel has no plot to copy.</source>
      <translation>此面板没有可复制的图。</translation>
    </message>
    <message>
      <source>Plot copied to the clipboard ({width}×{height} pixels)</source>
      <translation>图已复制到剪贴板（{width}×{height} 像素）</translation>
    </message>
    <message>
      <source>Cannot open the lesson</source>
      <extracomment>Rounds of posted events that settle the first frame's layout before a screenshot.</extracomment>
      <translation>无法打开课程</translation>
    </message>
    <message>
      <source>{file}: {problem}</source>
      <translation>{file}：{problem}</translation>
    </message>
  </context>
  <context>
    <name>NetworkControls</name>
    <message>
      <source>seed {seed}</source>
      <extracomment>Views of the comparison: one network alone, or both side by side. BatchNorm's modes in the training run (the session's names).</extracomment>
      <translation>种子 {seed}</translation>
    </message>
    <message>
      <source>Deep network</source>
      <translation>深度网络</translation>
    </message>
    <message>
      <source>Depth</source>
      <translation>深度</translation>
    </message>
    <message>
      <source>Number of layers (1–50)</source>
      <translation>层数（1–50）</translation>
    </message>
    <message>
      <source>Width</source>
      <translation>宽度</translation>
    </message>
    <message>
      <source>Units per layer</source>
      <translation>每层的单元数</translation>
    </message>
    <message>
      <source>Batch</source>
      <translation>批量</translation>
    </message>
    <message>
      <source>Examples in the batch that BatchNorm normalises over</source>
      <translation>批归一化在其上做规范化的一个批次中的样本数</translation>
    </message>
    <message>
      <source>Weight σ</source>
      <translation>权重 σ</translation>
    </message>
    <message>
      <source>Standard deviation of the initial weights (set it freely with Custom)</source>
      <translation>初始权重的标准差（选择“自定义”后可自由设置）</translation>
    </message>
    <message>
      <source>Activation</source>
      <translation>激活函数</translation>
    </message>
    <message>
      <source>Initialisation</source>
      <translation>初始化</translation>
    </message>
    <message>
      <source>New random network</source>
      <translation>新的随机网络</translation>
    </message>
    <message>
      <source>Draw new weights and a new input batch (the same for both columns)</source>
      <translation>重新抽取权重和输入批次（两栏相同）</translation>
    </message>
  </context>
  <context>
    <name>NetworkRaceMode</name>
    <message>
      <source>Data</source>
      <extracomment>Item data of the dataset combo for the data set loaded from a CSV file. What the loss and accuracy curves measure: (key, loss channel, accuracy channel). Points per curve at most while running / paused (painting must fit a frame). While running, the formula's values change at most this often. Decision boundaries kept for time travel (the first and last ones whole, sparser between). Steps a scene may ask to compute again at most. The batch-size lesson's three shades of one colour (HSL lightness): BGD dark, SGD light. Each optimizer's hyper-parameters, also while the lesson races only one of them. What the lecture changes: data set, batch and activation (the rest folds away in presentation). How the curves are measured and drawn: folded away in presentation.</extracomment>
      <translation>数据</translation>
    </message>
    <message>
      <source>CSV: {name}</source>
      <translation>CSV：{name}</translation>
    </message>
    <message>
      <source>The data set the networks learn to classify (File → Open dataset… loads a CSV)</source>
      <translation>网络要学习分类的数据集（文件 → 打开数据集… 可载入 CSV）</translation>
    </message>
    <message>
      <source>Noise</source>
      <translation>噪声</translation>
    </message>
    <message>
      <source>Standard deviation of the jitter added to the points</source>
      <translation>加到数据点上的抖动的标准差</translation>
    </message>
    <message>
      <source>Test share</source>
      <translation>测试比例</translation>
    </message>
    <message>
      <source>Share of the points held out to test the networks</source>
      <translation>留出用于测试网络的数据点比例</translation>
    </message>
    <message>
      <source>Hidden layers</source>
      <translation>隐藏层</translation>
    </message>
    <message>
      <source>Width</source>
      <translation>宽度</translation>
    </message>
    <message>
      <source>Units in every hidden layer</source>
      <translation>每个隐藏层的单元数</translation>
    </message>
    <message>
      <source>Activation</source>
      <translation>激活函数</translation>
    </message>
    <message>
      <source>Init</source>
      <translation>初始化</translation>
    </message>
    <message>
      <source>Loss</source>
      <translation>损失</translation>
    </message>
    <message>
      <source>Cross-entropy</source>
      <translation>交叉熵</translation>
    </message>
    <message>
      <source>Mean squared error</source>
      <translation>均方误差</translation>
    </message>
    <message>
      <source>BatchNorm</source>
      <translation>批归一化</translation>
    </message>
    <message>
      <source>Dropout</source>
      <translation>Dropout</translation>
    </message>
    <message>
      <source>Probability of dropping a hidden unit in training</source>
      <translation>训练时丢弃隐藏单元的概率</translation>
    </message>
    <message>
      <source>Batch</source>
      <translation>批量</translation>
    </message>
    <message>
      <source>Examples per gradient step: all (BGD), one (SGD) or a mini-batch</source>
      <translation>每步梯度使用的样本数：全部（BGD）、一个（SGD）或一个小批量</translation>
    </message>
    <message>
      <source>Back to all optimizers</source>
      <translation>回到所有优化器</translation>
    </message>
    <message>
      <source>Batch-size lesson</source>
      <translation>批量大小演示</translation>
    </message>
    <message>
      <source>The inspected optimizer under BGD, SGD and mini-batch 32, side by side</source>
      <translation>并排比较所查看的优化器在 BGD、SGD 和小批量 32 下的表现</translation>
    </message>
    <message>
      <source>Measured on</source>
      <translation>测量于</translation>
    </message>
    <message>
      <source>training set</source>
      <translation>训练集</translation>
    </message>
    <message>
      <source>test set</source>
      <translation>测试集</translation>
    </message>
    <message>
      <source>mini-batch (loss)</source>
      <translation>小批量（损失）</translation>
    </message>
    <message>
      <source>per step</source>
      <translation>按步</translation>
    </message>
    <message>
      <source>per epoch</source>
      <translation>按轮次</translation>
    </message>
    <message>
      <source>An epoch is one pass over the training set: BGD takes one step per epoch</source>
      <translation>一个轮次（epoch）是遍历一次训练集：BGD 每个轮次只走一步</translation>
    </message>
    <message>
      <source>Log scale</source>
      <translation>对数坐标</translation>
    </message>
    <message>
      <source>Formula</source>
      <translation>公式</translation>
    </message>
    <message>
      <source>Explanation</source>
      <translation>说明</translation>
    </message>
    <message>
      <source>Open dataset</source>
      <translation>打开数据集</translation>
    </message>
    <message>
      <source>CSV files (*.csv);;All files (*)</source>
      <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
      <source>Cannot open the data set</source>
      <translation>无法打开数据集</translation>
    </message>
    <message>
      <source>Loaded {name}: {count} points, {classes} classes.</source>
      <translation>已载入 {name}：{count} 个点，{classes} 个类别。</translation>
    </message>
    <message>
      <source>Not applied: {reason}</source>
      <translation>未生效：{reason}</translation>
    </message>
    <message>
      <source>Batch-size lesson: the same optimizer and start under BGD, SGD and mini-batch 32. Per epoch, SGD takes many noisy steps, BGD one smooth step.</source>
      <translation>批量大小演示：同一个优化器、同一个起点，分别用 BGD、SGD 和小批量 32。每个轮次里，SGD 走许多带噪声的小步，BGD 只走一步平滑的大步。</translation>
    </message>
    <message>
      <source>step</source>
      <translation>步</translation>
    </message>
    <message>
      <source>epoch</source>
      <translation>轮次</translation>
    </message>
    <message>
      <source>passes over the training set</source>
      <translation>遍历训练集的次数</translation>
    </message>
    <message>
      <source>examples per step</source>
      <translation>每步样本数</translation>
    </message>
    <message>
      <source>training loss</source>
      <translation>训练损失</translation>
    </message>
    <message>
      <source>test loss</source>
      <translation>测试损失</translation>
    </message>
    <message>
      <source>test accuracy</source>
      <translation>测试准确率</translation>
    </message>
    <message>
      <source>{optimizer}: its values at step t</source>
      <translation>{optimizer}：第 t 步时各项的数值</translation>
    </message>
    <message>
      <source>(boundary of another optimizer until the next update)</source>
      <translation>（在下次更新前显示的是另一个优化器的边界）</translation>
    </message>
    <message>
      <source>diverged at step {step}</source>
      <translation>在第 {step} 步发散</translation>
    </message>
    <message>
      <source>A controlled race: one network, the same initial weights and one seed; only the batch size differs (BGD: all {count} training points per step, SGD: one, mini-batch: 32).</source>
      <translation>受控比赛：同一个网络、同样的初始权重和同一个随机种子，只有批量大小不同（BGD：每步用全部 {count} 个训练点，SGD：一个，小批量：32 个）。</translation>
    </message>
    <message>
      <source>A controlled race: every optimizer trains a copy of the same network ({layers}) from the same initial weights and sees the same mini-batches in the same order (one seed), so the optimizer is the only difference.</source>
      <translation>受控比赛：每个优化器都从同样的初始权重训练同一个网络（{layers}）的副本，并按同样的顺序看到同样的小批量（同一个随机种子），因此唯一的差别就是优化器。</translation>
    </message>
    <message>
      <source>loss</source>
      <translation>损失</translation>
    </message>
    <message>
      <source>accuracy</source>
      <translation>准确率</translation>
    </message>
    <message>
      <source>Decision boundary: {optimizer}</source>
      <translation>决策边界：{optimizer}</translation>
    </message>
  </context>
  <context>
    <name>OptimizerExplanations</name>
    <message>
      <source>&lt;h3&gt;Gradient descent&lt;/h3&gt;&lt;p&gt;Every step moves θ against the gradient, scaled by the learning rate η: θ ← θ − η∇J(θ). Computed on the whole data set this is batch gradient descent (BGD), on one example SGD, on a mini-batch of 16 to 256 examples mini-batch gradient descent; the &lt;i&gt;noisy gradient&lt;/i&gt; switch imitates the last two.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;η too large&lt;/b&gt; overshoots: across a narrow valley the path zig-zags, and past a limit it diverges.&lt;/li&gt;&lt;li&gt;&lt;b&gt;η too small&lt;/b&gt; crawls along flat valleys such as Rosenbrock's.&lt;/li&gt;&lt;li&gt;Every coordinate gets the same η, however different the curvature in each direction.&lt;/li&gt;&lt;/ul&gt;</source>
      <translation>&lt;h3&gt;梯度下降&lt;/h3&gt;&lt;p&gt;每一步都让 θ 沿梯度的反方向移动，步长由学习率 η 决定：θ ← θ − η∇J(θ)。用全部数据计算梯度就是批量梯度下降（BGD），每次只用一个样本就是 SGD，每次用 16 到 256 个样本组成的小批量就是小批量梯度下降；&lt;i&gt;带噪声的梯度&lt;/i&gt; 开关模拟的正是后两种情形。&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;η 太大&lt;/b&gt; 会越过头：在狭窄的山谷里路径来回震荡，超过某个界限就会发散。&lt;/li&gt;&lt;li&gt;&lt;b&gt;η 太小&lt;/b&gt; 则在平坦的山谷里（例如 Rosenbrock 函数）爬得很慢。&lt;/li&gt;&lt;li&gt;不管各个方向的曲率差别多大，每个坐标用的都是同一个 η。&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
      <source>&lt;h3&gt;Momentum&lt;/h3&gt;&lt;p&gt;Keeps a velocity, an exponentially weighted sum of past gradients: v&lt;sub&gt;t&lt;/sub&gt; = γv&lt;sub&gt;t−1&lt;/sub&gt; + η∇J(θ), θ ← θ − v&lt;sub&gt;t&lt;/sub&gt;, with γ usually 0.9.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Where the gradient keeps its direction the steps add up and the optimizer speeds up, along the floor of a valley for instance.&lt;/li&gt;&lt;li&gt;Where the gradient changes sign the contributions cancel, so the swinging across a valley is damped.&lt;/li&gt;&lt;li&gt;On the surface: first the gradient step ηg at θ, then the jump γv carried over from the previous steps.&lt;/li&gt;&lt;/ul&gt;</source>
      <translation>&lt;h3&gt;动量法&lt;/h3&gt;&lt;p&gt;保留一个“速度”，即过去梯度的指数加权和：v&lt;sub&gt;t&lt;/sub&gt; = γv&lt;sub&gt;t−1&lt;/sub&gt; + η∇J(θ)，θ ← θ − v&lt;sub&gt;t&lt;/sub&gt;，γ 一般取 0.9。&lt;/p&gt;&lt;ul&gt;&lt;li&gt;在梯度方向保持不变的维度上，各步不断叠加，优化器越走越快，例如沿着谷底前进。&lt;/li&gt;&lt;li&gt;在梯度方向来回变化的维度上，各步互相抵消，横跨山谷的震荡因此减弱。&lt;/li&gt;&lt;li&gt;曲面上的箭头：先是在 θ 处的梯度步 ηg，再是从前几步继承下来的跳跃 γv。&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
      <source>&lt;h3&gt;Nesterov accelerated gradient&lt;/h3&gt;&lt;p&gt;Like Momentum, but the gradient is measured where the velocity is about to carry θ, at the look-ahead point θ − γv&lt;sub&gt;t−1&lt;/sub&gt;: v&lt;sub&gt;t&lt;/sub&gt; = γv&lt;sub&gt;t−1&lt;/sub&gt; + η∇J(θ − γv&lt;sub&gt;t−1&lt;/sub&gt;), θ ← θ − v&lt;sub&gt;t&lt;/sub&gt;.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;It first makes the big jump along the accumulated velocity (the dashed arrow), then corrects it with the gradient measured at the point it would reach.&lt;/li&gt;&lt;li&gt;The correction comes before the overshoot, so Nesterov brakes earlier than Momentum and swings less.&lt;/li&gt;&lt;li&gt;It has made RNNs work better on many tasks.&lt;/li&gt;&lt;/ul&gt;</source>
      <translation>&lt;h3&gt;Nesterov 加速梯度&lt;/h3&gt;&lt;p&gt;与动量法相似，但梯度不是在当前位置计算，而是在速度即将把 θ 带到的地方、即预判点 θ − γv&lt;sub&gt;t−1&lt;/sub&gt; 处计算：v&lt;sub&gt;t&lt;/sub&gt; = γv&lt;sub&gt;t−1&lt;/sub&gt; + η∇J(θ − γv&lt;sub&gt;t−1&lt;/sub&gt;)，θ ← θ − v&lt;sub&gt;t&lt;/sub&gt;。&lt;/p&gt;&lt;ul&gt;&lt;li&gt;它先沿累积的速度做一次大跳跃（虚线箭头），再用在跳跃终点测得的梯度加以修正。&lt;/li&gt;&lt;li&gt;修正发生在越过头之前，所以 NAG 比动量法刹车更早、震荡更小。&lt;/li&gt;&lt;li&gt;它让 RNN 在许多任务上表现更好。&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
      <source>&lt;h3&gt;Adagrad&lt;/h3&gt;&lt;p&gt;Gives every coordinate its own learning rate: G&lt;sub&gt;t&lt;/sub&gt; adds up the squares of all gradients so far, and the step is η/√(G&lt;sub&gt;t&lt;/sub&gt; + ε) · g&lt;sub&gt;t&lt;/sub&gt;. ε only keeps the denominator away from 0.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Directions with large gradients get a smaller effective learning rate, directions with small ones a larger one.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Its weakness:&lt;/b&gt; G only grows, so the effective learning rate keeps shrinking until learning practically stops. Watch it fall in the effective learning rate plot.&lt;/li&gt;&lt;/ul&gt;</source>
      <translation>&lt;h3&gt;Adagrad&lt;/h3&gt;&lt;p&gt;为每个坐标分配各自的学习率：G&lt;sub&gt;t&lt;/sub&gt; 累加迄今为止所有梯度的平方，每一步的更新是 η/√(G&lt;sub&gt;t&lt;/sub&gt; + ε) · g&lt;sub&gt;t&lt;/sub&gt;。ε 只是为了防止分母为 0。&lt;/p&gt;&lt;ul&gt;&lt;li&gt;梯度大的方向有效学习率变小，梯度小的方向有效学习率相对较大。&lt;/li&gt;&lt;li&gt;&lt;b&gt;缺点：&lt;/b&gt;G 只增不减，有效学习率不断缩小，直到学习几乎停止。在有效学习率曲线里可以看到它一路下降。&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
      <source>&lt;h3&gt;Adadelta&lt;/h3&gt;&lt;p&gt;Mends Adagrad's shrinking rate: instead of summing all squared gradients it keeps a decaying average E[g²]&lt;sub&gt;t&lt;/sub&gt; = ρE[g²]&lt;sub&gt;t−1&lt;/sub&gt; + (1 − ρ)g&lt;sub&gt;t&lt;/sub&gt;², so the denominator is a root mean square RMS[g]&lt;sub&gt;t&lt;/sub&gt; that forgets old gradients.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;It also replaces η by RMS[Δθ]&lt;sub&gt;t−1&lt;/sub&gt;, the same kind of average of its own past steps: Δθ&lt;sub&gt;t&lt;/sub&gt; = −RMS[Δθ]&lt;sub&gt;t−1&lt;/sub&gt;/RMS[g]&lt;sub&gt;t&lt;/sub&gt; · g&lt;sub&gt;t&lt;/sub&gt;. There is no learning rate to choose.&lt;/li&gt;&lt;li&gt;Its first steps are tiny (about √ε/RMS[g]), so it starts slowly and then gathers speed.&lt;/li&gt;&lt;/ul&gt;</source>
      <translation>&lt;h3&gt;Adadelta&lt;/h3&gt;&lt;p&gt;改进了 Adagrad 学习率不断缩小的问题：它不再累加全部梯度平方，而是维护一个衰减平均 E[g²]&lt;sub&gt;t&lt;/sub&gt; = ρE[g²]&lt;sub&gt;t−1&lt;/sub&gt; + (1 − ρ)g&lt;sub&gt;t&lt;/sub&gt;²，分母因此是会遗忘旧梯度的均方根 RMS[g]&lt;sub&gt;t&lt;/sub&gt;。&lt;/p&gt;&lt;ul&gt;&lt;li&gt;它还用 RMS[Δθ]&lt;sub&gt;t−1&lt;/sub&gt;（过去更新量的同类平均）代替 η：Δθ&lt;sub&gt;t&lt;/sub&gt; = −RMS[Δθ]&lt;sub&gt;t−1&lt;/sub&gt;/RMS[g]&lt;sub&gt;t&lt;/sub&gt; · g&lt;sub&gt;t&lt;/sub&gt;，完全不需要设定学习率。&lt;/li&gt;&lt;li&gt;它最初的几步非常小（约为 √ε/RMS[g]），所以起步慢，之后逐渐加速。&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
      <source>&lt;h3&gt;RMSprop&lt;/h3&gt;&lt;p&gt;Divides the learning rate by the root of a decaying average of squared gradients: E[g²]&lt;sub&gt;t&lt;/sub&gt; = 0.9E[g²]&lt;sub&gt;t−1&lt;/sub&gt; + 0.1g&lt;sub&gt;t&lt;/sub&gt;², θ ← θ − η/√(E[g²]&lt;sub&gt;t&lt;/sub&gt; + ε) · g&lt;sub&gt;t&lt;/sub&gt;.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Like Adagrad it scales every coordinate separately, but old gradients fade out, so the rate does not collapse.&lt;/li&gt;&lt;li&gt;It damps the swinging in directions where the gradient is large.&lt;/li&gt;&lt;/ul&gt;</source>
      <translation>&lt;h3&gt;RMSprop&lt;/h3&gt;&lt;p&gt;用梯度平方的衰减平均的平方根去除学习率：E[g²]&lt;sub&gt;t&lt;/sub&gt; = 0.9E[g²]&lt;sub&gt;t−1&lt;/sub&gt; + 0.1g&lt;sub&gt;t&lt;/sub&gt;²，θ ← θ − η/√(E[g²]&lt;sub&gt;t&lt;/sub&gt; + ε) · g&lt;sub&gt;t&lt;/sub&gt;。&lt;/p&gt;&lt;ul&gt;&lt;li&gt;和 Adagrad 一样按坐标分别缩放，但旧梯度会逐渐被遗忘，学习率不会塌缩。&lt;/li&gt;&lt;li&gt;它能减弱梯度较大方向上的来回摆动。&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
      <source>&lt;h3&gt;Adam&lt;/h3&gt;&lt;p&gt;RMSprop plus Momentum: a decaying average of the gradients m&lt;sub&gt;t&lt;/sub&gt; (the first moment, a velocity) and one of their squares v&lt;sub&gt;t&lt;/sub&gt; (the second moment, as in RMSprop).&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Both start at 0, so at first they lean towards 0; dividing by 1 − β₁&lt;sup&gt;t&lt;/sup&gt; and 1 − β₂&lt;sup&gt;t&lt;/sup&gt; corrects this bias (&lt;b&gt;m̂&lt;/b&gt;&lt;sub&gt;t&lt;/sub&gt;, &lt;b&gt;v̂&lt;/b&gt;&lt;sub&gt;t&lt;/sub&gt;; compare m with &lt;b&gt;m̂&lt;/b&gt; in the plot: they meet after a few dozen steps).&lt;/li&gt;&lt;li&gt;The step η·&lt;b&gt;m̂&lt;/b&gt;&lt;sub&gt;t&lt;/sub&gt;/(√&lt;b&gt;v̂&lt;/b&gt;&lt;sub&gt;t&lt;/sub&gt; + ε) is about η per coordinate at first, whatever the size of the gradient.&lt;/li&gt;&lt;li&gt;Usual values: β₁ = 0.9, β₂ = 0.999, ε = 10⁻⁸.&lt;/li&gt;&lt;/ul&gt;</source>
      <translation>&lt;h3&gt;Adam&lt;/h3&gt;&lt;p&gt;相当于 RMSprop 加上动量：它同时维护梯度的衰减平均 m&lt;sub&gt;t&lt;/sub&gt;（一阶矩，相当于速度）和梯度平方的衰减平均 v&lt;sub&gt;t&lt;/sub&gt;（二阶矩，与 RMSprop 相同）。&lt;/p&gt;&lt;ul&gt;&lt;li&gt;两者都从 0 开始，所以起初偏向 0；除以 1 − β₁&lt;sup&gt;t&lt;/sup&gt; 和 1 − β₂&lt;sup&gt;t&lt;/sup&gt; 可以校正这个偏差（得到 &lt;b&gt;m̂&lt;/b&gt;&lt;sub&gt;t&lt;/sub&gt;、&lt;b&gt;v̂&lt;/b&gt;&lt;sub&gt;t&lt;/sub&gt;；对比图中的 m 与 &lt;b&gt;m̂&lt;/b&gt;：几十步之后两者重合）。&lt;/li&gt;&lt;li&gt;更新量 η·&lt;b&gt;m̂&lt;/b&gt;&lt;sub&gt;t&lt;/sub&gt;/(√&lt;b&gt;v̂&lt;/b&gt;&lt;sub&gt;t&lt;/sub&gt; + ε) 起初在每个坐标上都约为 η，与梯度大小无关。&lt;/li&gt;&lt;li&gt;常用取值：β₁ = 0.9，β₂ = 0.999，ε = 10⁻⁸。&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
  </context>
  <context>
    <name>OptimizerParameters</name>
    <message>
      <source>learning rate</source>
      <translation>学习率</translation>
    </message>
    <message>
      <source>momentum</source>
      <translation>动量系数</translation>
    </message>
    <message>
      <source>decay rate</source>
      <translation>衰减率</translation>
    </message>
    <message>
      <source>1st-moment decay</source>
      <translation>一阶矩衰减率</translation>
    </message>
    <message>
      <source>2nd-moment decay</source>
      <translation>二阶矩衰减率</translation>
    </message>
    <message>
      <source>avoids division by 0</source>
      <translation>防止除以 0</translation>
    </message>
  </context>
  <context>
    <name>OptimizerTerms</name>
    <message>
      <source>gradient</source>
      <translation>梯度</translation>
    </message>
    <message>
      <source>step taken</source>
      <translation>实际更新量</translation>
    </message>
    <message>
      <source>velocity</source>
      <translation>速度</translation>
    </message>
    <message>
      <source>look-ahead point</source>
      <translation>预判点</translation>
    </message>
    <message>
      <source>sum of squared gradients</source>
      <translation>梯度平方和</translation>
    </message>
    <message>
      <source>average squared gradient</source>
      <translation>梯度平方的平均</translation>
    </message>
    <message>
      <source>average squared step</source>
      <translation>更新量平方的平均</translation>
    </message>
    <message>
      <source>effective learning rate</source>
      <translation>有效学习率</translation>
    </message>
    <message>
      <source>1st moment</source>
      <translation>一阶矩</translation>
    </message>
    <message>
      <source>2nd moment</source>
      <translation>二阶矩</translation>
    </message>
    <message>
      <source>bias-corrected 1st moment</source>
      <translation>偏差校正后的一阶矩</translation>
    </message>
    <message>
      <source>bias-corrected 2nd moment</source>
      <translation>偏差校正后的二阶矩</translation>
    </message>
  </context>
  <context>
    <name>OptimizerTitles</name>
    <message>
      <source>Gradient descent</source>
      <translation>梯度下降</translation>
    </message>
    <message>
      <source>Momentum</source>
      <translation>动量法</translation>
    </message>
    <message>
      <source>Nesterov (NAG)</source>
      <translation>Nesterov（NAG）</translation>
    </message>
    <message>
      <source>Adagrad</source>
      <translation>Adagrad</translation>
    </message>
    <message>
      <source>Adadelta</source>
      <translation>Adadelta</translation>
    </message>
    <message>
      <source>RMSprop</source>
      <translation>RMSprop</translation>
    </message>
    <message>
      <source>Adam</source>
      <translation>Adam</translation>
    </message>
  </context>
  <context>
    <name>RaceMode</name>
    <message>
      <source>Every optimizer diverged: lower the learning rates and reset (R).</source>
      <extracomment>Recorded steps kept for drawing and time travel: the first 1024 and the last 2048 steps whole, the middle ever sparser. Every frame reads them all, so fewer is faster. Optimizer states kept for time travel (sampled by the session, see keeps_state_at). While a race runs, the curve views (loss, accuracy) take turns: each is redrawn on one frame in this many (about 20 times a second), so no frame pays for every view; paused, all are. Key of the mode (the panel's mode switch lists modes by it). The run's recorded steps changed (new data, reset, or scrubbing): (first, last, shown). Step at which each lane diverged in the shown run (absent: it did not). Steps a restored scene asked for: a screenshot waits until they are drawn.</extracomment>
      <translation>所有优化器都发散了：请调低学习率后重置（R）。</translation>
    </message>
    <message>
      <source>The training computation stopped</source>
      <translation>训练计算已停止</translation>
    </message>
    <message>
      <source>{optimizer} diverged at step {step}; the others go on.</source>
      <translation>{optimizer} 在第 {step} 步发散；其他优化器继续运行。</translation>
    </message>
    <message>
      <source>The training computation failed</source>
      <translation>训练计算出错</translation>
    </message>
    <message>
      <source>Not applied: {reason}</source>
      <translation>未生效：{reason}</translation>
    </message>
  </context>
  <context>
    <name>Scenes</name>
    <message>
      <source>the file</source>
      <extracomment>Scene and lesson files larger than this are refused before parsing (they are hand-sized). After the keys pass: a translated message if they disagree with each other, or None.</extracomment>
      <translation>文件</translation>
    </message>
    <message>
      <source>{where} must be an object</source>
      <translation>{where} 必须是对象</translation>
    </message>
    <message>
      <source>unknown key “{key}” in {where}</source>
      <translation>{where} 中有未知的键“{key}”</translation>
    </message>
    <message>
      <source>missing key “{key}” in {where}</source>
      <translation>{where} 中缺少键“{key}”</translation>
    </message>
    <message>
      <source>{where} must be a number</source>
      <translation>{where} 必须是数字</translation>
    </message>
    <message>
      <source>{where} must be a finite number</source>
      <translation>{where} 必须是有限数</translation>
    </message>
    <message>
      <source>{where} must be a whole number</source>
      <translation>{where} 必须是整数</translation>
    </message>
    <message>
      <source>{where} = {value:g} is outside {low:g} … {high:g}</source>
      <translation>{where} = {value:g} 超出范围 {low:g} … {high:g}</translation>
    </message>
    <message>
      <source>{where} must be one of: {options}</source>
      <translation>{where} 必须是以下之一：{options}</translation>
    </message>
    <message>
      <source>{where} must be true or false</source>
      <translation>{where} 必须是 true 或 false</translation>
    </message>
    <message>
      <source>{where} must be a text</source>
      <translation>{where} 必须是文本</translation>
    </message>
    <message>
      <source>{where} is too long</source>
      <translation>{where} 太长</translation>
    </message>
    <message>
      <source>{where} must be a list</source>
      <translation>{where} 必须是列表</translation>
    </message>
    <message>
      <source>{where} must have {low} to {high} entries</source>
      <translation>{where} 必须有 {low} 到 {high} 项</translation>
    </message>
    <message>
      <source>{where} repeats an entry</source>
      <translation>{where} 中有重复项</translation>
    </message>
    <message>
      <source>the file must hold a JSON object</source>
      <translation>文件必须包含一个 JSON 对象</translation>
    </message>
    <message>
      <source>“format” must be “{expected}”</source>
      <translation>“format”必须是“{expected}”</translation>
    </message>
    <message>
      <source>“version” must be a whole number</source>
      <translation>“version”必须是整数</translation>
    </message>
    <message>
      <source>the file was written by a newer OptLab (format version {version}; this one reads up to {supported})</source>
      <translation>该文件由更新版本的 OptLab 写入（格式版本 {version}；本版本最多读取到 {supported}）</translation>
    </message>
    <message>
      <source>“version” must be 1 or more</source>
      <translation>“version”必须大于等于 1</translation>
    </message>
    <message>
      <source>the file is too large to be a scene or lesson</source>
      <translation>文件太大，不可能是场景或课程</translation>
    </message>
    <message>
      <source>cannot read {path}: {reason}</source>
      <translation>无法读取 {path}：{reason}</translation>
    </message>
    <message>
      <source>the file is not UTF-8 text</source>
      <translation>文件不是 UTF-8 文本</translation>
    </message>
    <message>
      <source>not valid JSON (line {line}, column {column})</source>
      <translation>不是有效的 JSON（第 {line} 行，第 {column} 列）</translation>
    </message>
    <message>
      <source>the file is nested too deeply</source>
      <translation>文件嵌套层次太深</translation>
    </message>
    <message>
      <source>{name} is not a number a scene may hold</source>
      <translation>{name} 不是场景中允许的数字</translation>
    </message>
    <message>
      <source>“format” must be “{scene}” or “{lesson}”</source>
      <translation>“format”必须是“{scene}”或“{lesson}”</translation>
    </message>
  </context>
  <context>
    <name>SpeedControl</name>
    <message>
      <source>Steps per second, to pace the race for the lecture</source>
      <translation>每秒步数，按讲课节奏调节竞赛速度</translation>
    </message>
    <message>
      <source>Speed</source>
      <translation>速度</translation>
    </message>
    <message>
      <source>max</source>
      <translation>最快</translation>
    </message>
    <message>
      <source>As fast as the computer can</source>
      <translation>以计算机能达到的最快速度运行</translation>
    </message>
  </context>
  <context>
    <name>SurfaceRaceMode</name>
    <message>
      <source>Surface</source>
      <extracomment>The snapshot channel holding every lane's optimizer state. While running, the formula's values and the inspector plots change at most this often (faster is unreadable and costs frame time). Points per drawn trajectory and per loss curve at most: painting must fit a frame. While the race runs every frame rebuilds every curve, so it draws fewer points, without antialiasing (measured here: ~14 ms of CPU per frame at 250 points, ~9 at 160); paused, the same curves are drawn finer and smooth. Trajectory points closer than this many pixels along the path are merged. Inspector arrows shorter than this on screen are magnified by a power of 10. Colours of the notes' Momentum/NAG figure: the carried-over jump and the gradient step. Most steps a scene may ask for, and the largest start coordinate it may hold.</extracomment>
      <translation>曲面</translation>
    </message>
    <message>
      <source>The loss surface the optimizers race on</source>
      <translation>优化器竞赛所在的损失曲面</translation>
    </message>
    <message>
      <source>Noisy gradient (SGD)</source>
      <translation>带噪声的梯度（SGD）</translation>
    </message>
    <message>
      <source>Add Gaussian noise to every gradient, as a mini-batch or a single example (SGD) gives instead of the full-batch gradient</source>
      <translation>给每个梯度加上高斯噪声，模拟用小批量或单个样本（SGD）代替全部数据计算梯度的情形</translation>
    </message>
    <message>
      <source>Log scale</source>
      <translation>对数坐标</translation>
    </message>
    <message>
      <source>Loss axis on a logarithmic scale</source>
      <translation>损失轴使用对数刻度</translation>
    </message>
    <message>
      <source>Formula</source>
      <translation>公式</translation>
    </message>
    <message>
      <source>The update rule with the current values</source>
      <translation>更新规则及各项的当前值</translation>
    </message>
    <message>
      <source>Inside</source>
      <translation>内部</translation>
    </message>
    <message>
      <source>Inside the optimizer: effective learning rate, Adam's bias correction</source>
      <translation>优化器内部：有效学习率、Adam 的偏差校正</translation>
    </message>
    <message>
      <source>Explanation</source>
      <translation>讲解</translation>
    </message>
    <message>
      <source>What the course notes say about this optimizer</source>
      <translation>课程笔记对这个优化器的讲解</translation>
    </message>
    <message>
      <source>Drag the start point: every optimizer restarts from it</source>
      <translation>拖动起点：所有优化器都从新起点重新开始</translation>
    </message>
    <message>
      <source>the start point lies outside the surface's view</source>
      <translation>起点不在曲面的显示范围内</translation>
    </message>
    <message>
      <source>step</source>
      <translation>步数</translation>
    </message>
    <message>
      <source>position</source>
      <translation>位置</translation>
    </message>
    <message>
      <source>{optimizer}: update rule (values appear after the first step)</source>
      <translation>{optimizer}：更新规则（第一步之后显示各项数值）</translation>
    </message>
    <message>
      <source>{optimizer}: its values at step t</source>
      <translation>{optimizer}：第 t 步时各项的数值</translation>
    </message>
    <message>
      <source>{optimizer} at step t; its state as recorded at step {state}</source>
      <translation>{optimizer}：第 t 步；内部状态取自第 {state} 步的记录</translation>
    </message>
    <message>
      <source>solid: the step taken</source>
      <translation>实线：实际走的一步</translation>
    </message>
    <message>
      <source>red: gradient step ηg</source>
      <translation>红色：梯度步 ηg</translation>
    </message>
    <message>
      <source>brown: momentum jump γv</source>
      <translation>棕色：动量跳跃 γv</translation>
    </message>
    <message>
      <source>brown: jump γv to the look-ahead point</source>
      <translation>棕色：沿 γv 跳到预判点</translation>
    </message>
    <message>
      <source>red: gradient step measured there</source>
      <translation>红色：在预判点计算的梯度步</translation>
    </message>
    <message>
      <source>grey dashed: plain gradient step ηg</source>
      <translation>灰色虚线：普通梯度步 ηg</translation>
    </message>
    <message>
      <source>(arrows ×{factor} to be visible)</source>
      <translation>（箭头放大 {factor} 倍以便看清）</translation>
    </message>
    <message>
      <source>diverged at step {step}</source>
      <translation>在第 {step} 步发散</translation>
    </message>
    <message>
      <source>loss − min</source>
      <translation>损失−最小</translation>
    </message>
    <message>
      <source>loss</source>
      <translation>损失</translation>
    </message>
    <message>
      <source>Hyper-parameters</source>
      <translation>超参数</translation>
    </message>
    <message>
      <source>Hyper-parameters of {optimizer}</source>
      <translation>{optimizer} 的超参数</translation>
    </message>
    <message>
      <source>Noisy gradients: the paths now wander like SGD's.</source>
      <translation>带噪声的梯度：路径像 SGD 一样摆动。</translation>
    </message>
    <message>
      <source>Exact gradients again.</source>
      <translation>恢复精确梯度。</translation>
    </message>
  </context>
  <context>
    <name>SurfaceTitles</name>
    <message>
      <source>Rosenbrock</source>
      <translation>Rosenbrock 函数</translation>
    </message>
    <message>
      <source>Beale</source>
      <translation>Beale 函数</translation>
    </message>
    <message>
      <source>Himmelblau</source>
      <translation>Himmelblau 函数</translation>
    </message>
    <message>
      <source>Saddle</source>
      <translation>鞍点</translation>
    </message>
    <message>
      <source>Ravine</source>
      <translation>狭长峡谷</translation>
    </message>
    <message>
      <source>Six-hump camel</source>
      <translation>六峰驼背函数</translation>
    </message>
    <message>
      <source>Quadratic</source>
      <translation>二次函数</translation>
    </message>
    <message>
      <source>A curved, flat-bottomed valley: easy to find, slow to follow to the minimum at (1, 1).</source>
      <translation>一条弯曲的平底山谷：谷底很容易找到，但沿谷底走到 (1, 1) 处的最小值却很慢。</translation>
    </message>
    <message>
      <source>Flat plateaus and steep walls with sharp corners; minimum at (3, 0.5).</source>
      <translation>平坦的高原与带尖角的陡壁；最小值在 (3, 0.5)。</translation>
    </message>
    <message>
      <source>Four equally deep minima: which one an optimizer reaches depends on where it starts and how it moves.</source>
      <translation>四个同样深的最小值：优化器到达哪一个，取决于起点和它的移动方式。</translation>
    </message>
    <message>
      <source>A saddle point at the origin (x² − y² near it); the quartic term bounds the surface so escaping optimizers settle in the minima at (0, ±√2).</source>
      <translation>原点是鞍点（附近形如 x² − y²）；四次项使曲面有下界，逃离鞍点的优化器会停在 (0, ±√2) 处的最小值。</translation>
    </message>
    <message>
      <source>An ill-conditioned quadratic (curvatures 1 and 50): plain gradient descent zig-zags across the ravine and crawls along it.</source>
      <translation>病态的二次函数（曲率为 1 和 50）：普通梯度下降在峡谷两壁之间来回震荡，沿谷底却前进得很慢。</translation>
    </message>
    <message>
      <source>Six local minima, two of them global: optimizers can get caught in the wrong valley.</source>
      <translation>六个局部最小值，其中两个是全局最小值：优化器可能陷在错误的山谷里。</translation>
    </message>
    <message>
      <source>The reference bowl of the optimizer tests (curvatures 1 and 10).</source>
      <translation>优化器测试用的参考碗形曲面（曲率为 1 和 10）。</translation>
    </message>
  </context>
  <context>
    <name>TimelineBar</name>
    <message>
      <source>Live</source>
      <translation>实时</translation>
    </message>
    <message>
      <source>Back to the newest step</source>
      <translation>回到最新一步</translation>
    </message>
    <message>
      <source>Scrub back through the recorded run</source>
      <translation>拖动回看已记录的训练过程</translation>
    </message>
    <message>
      <source>step {step}</source>
      <translation>第 {step} 步</translation>
    </message>
    <message>
      <source>step {step} of {last}</source>
      <translation>第 {step} 步 / 共 {last} 步</translation>
    </message>
  </context>
  <context>
    <name>TrainingControls</name>
    <message>
      <source>Training</source>
      <translation>训练</translation>
    </message>
    <message>
      <source>Step</source>
      <translation>单步</translation>
    </message>
    <message>
      <source>Train both networks on one more mini-batch (Right arrow)</source>
      <translation>用下一个小批量把两个网络各训练一步（右方向键）</translation>
    </message>
    <message>
      <source>Reset</source>
      <translation>重置</translation>
    </message>
    <message>
      <source>Forget the training and show the freshly initialised networks (R)</source>
      <translation>丢弃训练结果，显示刚初始化的网络（R）</translation>
    </message>
    <message>
      <source>η</source>
      <translation>η</translation>
    </message>
    <message>
      <source>Learning rate of SGD with momentum, the same for both</source>
      <translation>带动量 SGD 的学习率，两个网络相同</translation>
    </message>
    <message>
      <source>BatchNorm normalises with</source>
      <translation>批归一化使用的统计量</translation>
    </message>
    <message>
      <source>Batch statistics</source>
      <translation>批次统计量</translation>
    </message>
    <message>
      <source>Training mode: the mean and variance of the batch at hand</source>
      <translation>训练模式：当前批次的均值和方差</translation>
    </message>
    <message>
      <source>Running statistics</source>
      <translation>滑动统计量</translation>
    </message>
    <message>
      <source>Evaluation mode: the running averages collected while training</source>
      <translation>评估模式：训练过程中累积的滑动平均</translation>
    </message>
    <message>
      <source>Pause</source>
      <translation>暂停</translation>
    </message>
    <message>
      <source>Pause the training (Space)</source>
      <translation>暂停训练（空格键）</translation>
    </message>
    <message>
      <source>Train</source>
      <translation>训练</translation>
    </message>
    <message>
      <source>Train both networks on the same mini-batches of a toy data set (Space)</source>
      <translation>在一个玩具数据集上用相同的小批量训练两个网络（空格键）</translation>
    </message>
  </context>
  <context>
    <name>TrainingModes</name>
    <message>
      <source>Optimizers on a loss surface</source>
      <extracomment>The modes, in the order of the switch: (class, title). Add a mode by adding it here.</extracomment>
      <translation>损失曲面上的优化器</translation>
    </message>
    <message>
      <source>Networks on a data set</source>
      <translation>数据集上的网络</translation>
    </message>
  </context>
  <context>
    <name>TrainingPanel</name>
    <message>
      <source>missing key “{key}” in state</source>
      <translation>state 中缺少键“{key}”</translation>
    </message>
    <message>
      <source>Race</source>
      <translation>竞赛</translation>
    </message>
  </context>
  <context>
    <name>ViewControls</name>
    <message>
      <source>BatchNorm</source>
      <translation>批归一化</translation>
    </message>
    <message>
      <source>Off</source>
      <translation>关</translation>
    </message>
    <message>
      <source>Show the network without BatchNorm</source>
      <translation>显示不带批归一化的网络</translation>
    </message>
    <message>
      <source>On</source>
      <translation>开</translation>
    </message>
    <message>
      <source>Show the network with BatchNorm</source>
      <translation>显示带批归一化的网络</translation>
    </message>
    <message>
      <source>Side by side</source>
      <translation>并排对比</translation>
    </message>
    <message>
      <source>Show both networks: same weights, same inputs, only BatchNorm differs</source>
      <translation>同时显示两个网络：权重相同、输入相同，唯一的区别是批归一化</translation>
    </message>
    <message>
      <source>Layer in detail</source>
      <translation>详细查看的层</translation>
    </message>
    <message>
      <source>Or click a row of the heat map</source>
      <translation>也可以点击热图中的某一行</translation>
    </message>
  </context>
</TS>