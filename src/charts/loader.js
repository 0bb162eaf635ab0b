/* The offline vega loader of the course's charts (charts/render.py inlines it into each chart).
 * Called with the chart element's id; __FILES__ is replaced by render.VEGA_FILES and __SERVED__
 * by render.SERVER_PATH. It draws the Vega-Lite spec stored beside the element with the vendored
 * vega, vega-lite and vega-embed, looked up
 *   - on a page of the built book: <html data-content_root> + "_static/" (right from nested pages);
 *   - in a live Jupyter server (Lab or Notebook, started from any folder): <baseUrl> + __SERVED__,
 *     served by the charts.server extension; then <baseUrl>files/assets/vendor/ (a server started
 *     at the repository's root without the extension).
 * With require.js on the page (widget pages), vega goes through requirejs (path fallbacks);
 * without it, plain <script> tags, loaded once per page. Line comments are not allowed here: the
 * lines are joined into one. */
(function(id){
var el=document.getElementById(id);if(!el||el.getAttribute("data-bm-rendered"))return;
var spec=JSON.parse(document.getElementById(id+"-spec").textContent);
var F=__FILES__;var w=window;
function bases(){var r=document.documentElement.getAttribute("data-content_root");
if(r!==null)return[r+"_static/"];var b="/";
try{var c=document.getElementById("jupyter-config-data");if(c)b=JSON.parse(c.textContent).baseUrl||"/";}catch(e){}
if(b.charAt(b.length-1)!=="/")b+="/";return[b+__SERVED__,b+"files/assets/vendor/"];}
function script(urls,i){return new Promise(function(ok,ko){var s=document.createElement("script");
s.src=urls[i];s.onload=ok;s.onerror=function(){s.parentNode.removeChild(s);
if(i+1<urls.length)script(urls,i+1).then(ok,ko);else ko(new Error("cannot load "+urls.join(" or ")));};
document.head.appendChild(s);});}
function load(){if(w.__bmVega)return w.__bmVega;var B=bases();
if(typeof w.vegaEmbed==="function"){w.__bmVega=Promise.resolve(w.vegaEmbed);}
else if(typeof w.requirejs==="function"&&typeof w.define==="function"&&w.define.amd){
w.__bmVega=new Promise(function(ok,ko){var p={};for(var k in F)p[k]=B.map(function(b){return b+F[k];});
w.requirejs.config({paths:p});w.requirejs(["vega-embed"],ok,ko);});}
else{w.__bmVega=["vega","vega-lite","vega-embed"].reduce(function(pr,k){return pr.then(function(){
return script(B.map(function(b){return b+F[k]+".js";}),0);});},
Promise.resolve()).then(function(){return w.vegaEmbed;});}
return w.__bmVega;}
load().then(function(ve){return ve(el,spec,{renderer:"svg",actions:false,mode:"vega-lite"});})
.then(function(){el.setAttribute("data-bm-rendered","1");})
.catch(function(e){el.textContent="The chart could not be drawn: "+e;
console.error("bonemets chart "+id,e);});
})
