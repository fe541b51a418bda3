// The report's one inline script, allowed by its sha256 hash in the Content Security Policy (no other
// script can run, nothing can be fetched). The page reads fully without it; with it: sort and filter
// tables, show and hide series from legends, and read values on hover. Plain ES2017, no globals left.
import { createHash } from 'node:crypto';

export const SCRIPT = `(function(){
var d=document;
function num(t){var v=t.getAttribute('data-v');if(v!==null)return parseFloat(v);var s=t.textContent.replace(/,/g,'').replace(/\\u2212/g,'-').replace(/e\\u2212/g,'e-');var n=parseFloat(s);return isNaN(n)?null:n;}
d.querySelectorAll('table.sortable').forEach(function(table){
  var body=table.tBodies[0];if(!body)return;
  var heads=table.querySelectorAll('thead th');
  heads.forEach(function(th,k){
    th.tabIndex=0;th.setAttribute('aria-sort','none');th.title='Sort by '+th.textContent;
    function sort(){
      var dir=th.getAttribute('aria-sort')==='ascending'?-1:1;
      heads.forEach(function(h){h.setAttribute('aria-sort','none');});
      th.setAttribute('aria-sort',dir===1?'ascending':'descending');
      var rows=Array.prototype.slice.call(body.rows);
      rows.sort(function(a,b){var x=a.cells[k],y=b.cells[k];if(!x||!y)return 0;var p=num(x),q=num(y);
        if(p!==null&&q!==null)return (p-q)*dir;if(p!==null)return -1;if(q!==null)return 1;
        return x.textContent.localeCompare(y.textContent)*dir;});
      rows.forEach(function(r){body.appendChild(r);});
    }
    th.addEventListener('click',sort);
    th.addEventListener('keydown',function(e){if(e.key==='Enter'||e.key===' '){e.preventDefault();sort();}});
  });
  var box=d.createElement('input');box.type='search';box.className='table-filter';box.placeholder='Filter rows';
  box.setAttribute('aria-label','Filter rows of this table');
  box.addEventListener('input',function(){var q=box.value.toLowerCase();
    Array.prototype.forEach.call(body.rows,function(r){r.hidden=q!==''&&r.textContent.toLowerCase().indexOf(q)<0;});});
  var wrap=table.closest('.table-wrap');wrap.parentNode.insertBefore(box,wrap);
});
d.querySelectorAll('svg.numcomp-viz .legend-item').forEach(function(item){
  var svg=item.ownerSVGElement;while(svg.ownerSVGElement&&!svg.classList.contains('numcomp-viz'))svg=svg.ownerSVGElement;
  item.style.cursor='pointer';item.setAttribute('role','button');item.setAttribute('tabindex','0');
  item.setAttribute('aria-pressed','true');
  function toggle(){var off=item.getAttribute('aria-pressed')==='true';item.setAttribute('aria-pressed',off?'false':'true');
    item.style.opacity=off?'0.35':'';
    svg.querySelectorAll('[data-key="'+item.getAttribute('data-key')+'"]').forEach(function(el){
      if(el.classList.contains('legend-item'))return;el.style.display=off?'none':'';});}
  item.addEventListener('click',toggle);
  item.addEventListener('keydown',function(e){if(e.key==='Enter'||e.key===' '){e.preventDefault();toggle();}});
});
var tip=d.createElement('div');tip.className='viz-tip';tip.setAttribute('role','status');tip.hidden=true;d.body.appendChild(tip);
function show(text,e){tip.textContent=text;tip.hidden=false;
  var x=e.clientX+14,y=e.clientY+14,w=tip.offsetWidth,h=tip.offsetHeight;
  if(x+w>innerWidth-4)x=e.clientX-w-10;if(y+h>innerHeight-4)y=e.clientY-h-10;
  tip.style.left=(x+scrollX)+'px';tip.style.top=(y+scrollY)+'px';}
function hide(){tip.hidden=true;}
function local(svg,e){var p=svg.createSVGPoint();p.x=e.clientX;p.y=e.clientY;var m=svg.getScreenCTM();return m?p.matrixTransform(m.inverse()):p;}
var pixels=new WeakMap();
function rasterText(img,e){
  var r=img.getBoundingClientRect();var fx=(e.clientX-r.left)/r.width,fy=(e.clientY-r.top)/r.height;
  if(fx<0||fx>=1||fy<0||fy>=1)return null;
  var xs=img.getAttribute('data-x').split('|'),ys=img.getAttribute('data-y').split('|');
  var c=Math.floor(fx*xs.length),rw=Math.floor(fy*ys.length);
  var text=img.getAttribute('data-x-name')+' '+xs[c]+', '+img.getAttribute('data-y-name')+' '+ys[rw];
  var px=pixels.get(img);
  if(px===undefined){px=null;pixels.set(img,null);var im=new Image();im.onload=function(){var cv=d.createElement('canvas');cv.width=im.width;cv.height=im.height;
    var g=cv.getContext('2d');g.drawImage(im,0,0);pixels.set(img,{w:im.width,data:g.getImageData(0,0,im.width,im.height).data});};im.src=img.getAttribute('href');}
  if(px){var k=(rw*px.w+c)*4;if(px.data[k+3]===0)return text+': '+img.getAttribute('data-colors').split('|')[0].split(',').slice(3).join(',');
    var best='',dist=1e9;img.getAttribute('data-colors').split('|').forEach(function(entry){var f=entry.split(',');
      var dd=Math.abs(f[0]-px.data[k])+Math.abs(f[1]-px.data[k+1])+Math.abs(f[2]-px.data[k+2]);if(dd<dist){dist=dd;best=f.slice(3).join(',');}});
    text+=': '+best;}
  return text;}
d.addEventListener('mousemove',function(e){
  var t=e.target;if(!(t instanceof Element)){hide();return;}
  var svg=t.closest('svg.numcomp-viz');if(!svg){hide();return;}
  if(t.matches('image[data-x]')){var rt=rasterText(t,e);if(rt){show(rt,e);return;}}
  var series=svg.querySelectorAll('[data-xy]');
  if(series.length){var p=local(svg,e),best=null,dist=24*24;
    series.forEach(function(g){if(g.style.display==='none')return;g.getAttribute('data-xy').split(';').forEach(function(pt){
      var f=pt.split(',');var dx=f[0]-p.x,dy=f[1]-p.y,dd=dx*dx+dy*dy;if(dd<dist){dist=dd;best=(g.getAttribute('data-name')||'')+': x = '+f[2]+', y = '+f[3];}});});
    if(best){show(best,e);return;}}
  for(var el=t;el&&el!==svg;el=el.parentNode){
    var tt=el.getAttribute('data-tip');
    if(tt===null){var title=null;for(var k=0;k<el.children.length;k++)if(el.children[k].tagName==='title'){title=el.children[k];break;}
      if(title){tt=title.textContent;el.setAttribute('data-tip',tt);title.remove();}}
    if(tt){show(tt,e);return;}}
  hide();
});
d.addEventListener('mouseleave',hide);
})();`;

/** The CSP source that allows exactly {@link SCRIPT}: `'sha256-…'` of its UTF-8 text. */
export const SCRIPT_HASH = `'sha256-${createHash('sha256').update(SCRIPT, 'utf8').digest('base64')}'`;
